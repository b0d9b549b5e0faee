using Daft.Shared.Specs;

namespace Daft.Shared.Tests.Specs;

public class SeedsTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void Replicate_n_gets_LP_FTs_seed_base_zero_plus_its_zero_based_index(int runNum, long seed)
    {
        Assert.Equal(seed, Seeds.ForRunNum(runNum));
    }

    [Fact]
    public void Run_numbers_start_at_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Seeds.ForRunNum(0));
    }
}
