using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Training;
using Daft.GpuNode.Training;
using Daft.GpuNode.Weights;
using Daft.Shared.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Models;

public class MlpHeadTests
{
    static readonly HeadSpec TwoLayers = new([32, 16], HeadActivation.Relu, 0.1);

    [Fact]
    public void An_mlp_head_has_nn_sequentials_state_dict_names_and_shapes_under_fc()
    {
        using var model = new SmallCnn(10);

        HeadInit.Fresh(model, 10, TwoLayers);

        var head = model.state_dict().Where(kv => kv.Key.StartsWith("fc.", StringComparison.Ordinal))
            .Select(kv => (kv.Key, string.Join("x", kv.Value.shape))).ToList();
        Assert.Equal(
        [
            ("fc.0.weight", "32x128"), ("fc.0.bias", "32"),
            ("fc.3.weight", "16x32"), ("fc.3.bias", "16"),
            ("fc.6.weight", "10x16"), ("fc.6.bias", "10"),
        ], head);
        Assert.Equal(6, model.HeadParameters().Count());
        Assert.IsType<MlpHead>(model.HeadModule);
        Assert.Same(((MlpHead)model.HeadModule).Output, model.Head);
        Assert.Equal(10, model.NumClasses);
        using var logits = model.call(rand(4, 3, 8, 8));
        Assert.Equal([4L, 10L], logits.shape);
    }

    [Theory]
    [InlineData("relu", HeadActivation.Relu)]
    [InlineData("gelu", HeadActivation.Gelu)]
    [InlineData("tanh", HeadActivation.Tanh)]
    public void Torchs_nn_sequential_head_loads_by_name_and_gives_the_same_logits(string name, HeadActivation activation)
    {
        // tools/fixtures/make_head_fixtures.py, torch 1.13: nn.Sequential(Linear(20, 12), act, Dropout(0.3), Linear(12, 7), act, Dropout(0.3), Linear(7, 5)).
        var fixture = SafeTensors.Load(Path.Combine(TestSetup.Fixtures, "heads", $"mlp_{name}.safetensors"));
        using var head = new MlpHead(20, new HeadSpec([12, 7], activation, 0.3), 5);
        var weights = fixture.Where(kv => kv.Key.StartsWith("fc.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key["fc.".Length..], kv => kv.Value);

        Assert.Equal(weights.Keys.Order(StringComparer.Ordinal), head.state_dict().Keys.Order(StringComparer.Ordinal));
        head.load_state_dict(weights);
        head.eval();
        using var logits = head.call(fixture["input"]);

        Assert.True(logits.allclose(fixture["logits"], rtol: 0, atol: 1e-6), $"max |Δ| {(logits - fixture["logits"]).abs().max().item<float>()}");
    }

    [Fact]
    public void The_linear_head_stays_fc_weight_and_fc_bias()
    {
        using var model = new SmallCnn(10);

        HeadInit.Fresh(model, 4, HeadSpec.Linear);

        Assert.Equal(["fc.weight", "fc.bias"], model.state_dict().Keys.Where(k => k.StartsWith("fc.", StringComparison.Ordinal)));
        Assert.IsType<Linear>(model.HeadModule);
    }

    [Theory]
    [InlineData(HeadActivation.Relu)]
    [InlineData(HeadActivation.Gelu)]
    [InlineData(HeadActivation.Tanh)]
    public void Each_activation_is_the_torch_function_between_the_layers(HeadActivation activation)
    {
        using var head = new MlpHead(5, new HeadSpec([7], activation, 0), 3);
        head.eval();
        using var x = randn(4, 5);
        var hidden = (Linear)head.named_children().Single(c => c.name == "0").module;

        using var expected = head.Output.call(activation switch
        {
            HeadActivation.Relu => nn.functional.relu(hidden.call(x)),
            HeadActivation.Gelu => nn.functional.gelu(hidden.call(x)),
            _ => hidden.call(x).tanh(),
        });

        Assert.True(head.call(x).allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Dropout_drops_in_train_mode_only()
    {
        using var head = new MlpHead(16, new HeadSpec([256], HeadActivation.Relu, 0.5), 2);
        using var x = ones(8, 16);

        head.eval();
        using var a = head.call(x);
        using var b = head.call(x);
        head.train();
        using var c = head.call(x);

        Assert.True(a.equal(b).all().item<bool>());
        Assert.False(a.allclose(c));
    }

    [Fact]
    public void Daft_zeroes_the_output_layer_only_and_lp_ft_loads_into_a_linear_head()
    {
        using var net = new TinyBnNet();
        HeadInit.Fresh(net, 3, TwoLayers);
        HeadInit.Zero(net);

        var mlp = (MlpHead)net.HeadModule;
        Assert.Equal(0f, mlp.Output.weight!.abs().sum().item<float>());
        Assert.Equal(0f, mlp.Output.bias!.abs().sum().item<float>());
        var first = (Linear)mlp.named_children().Single(c => c.name == "0").module;
        Assert.True(first.weight!.abs().sum().item<float>() > 0, "hidden layers keep their init");

        HeadInit.Load(net, ones(3, net.FeatureDim), zeros(3));
        Assert.IsType<Linear>(net.HeadModule);
        Assert.Equal(["fc.weight", "fc.bias"], net.state_dict().Keys.Where(k => k.StartsWith("fc.", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_training_step_on_the_cpu_moves_every_head_layer_and_the_body()
    {
        using var net = new TinyBnNet();
        manual_seed(1);
        HeadInit.Fresh(net, 3, TwoLayers);
        var before = net.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        using var sgd = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 0.1, HeadLr: 0.1));

        var epoch = Trainer.TrainEpoch(net, sgd, TrainingData.Batches(2), BnMode.Train);

        Assert.Equal(2, epoch.Steps);
        Assert.False(epoch.LossWasNaN);
        Assert.Equal(["fc.0.weight", "fc.0.bias", "fc.3.weight", "fc.3.bias", "fc.6.weight", "fc.6.bias"], net.HeadParameters().Select(p => p.Name));
        Assert.All(net.named_parameters(), p => Assert.False(p.parameter.equal(before[p.name]).all().item<bool>(), $"{p.name} did not move"));
    }

    [Fact]
    public void A_copy_of_a_model_with_an_mlp_head_gets_the_same_layout_and_values()
    {
        using var net = new TinyBnNet();
        HeadInit.Fresh(net, 3, TwoLayers);

        using var copy = ModelCopy.Clone<ClassifierNetwork>(net, () => HeadInit.LikeHeadOf(new TinyBnNet(), net));

        Assert.Equal(net.state_dict().Keys, copy.state_dict().Keys);
        Assert.All(net.state_dict(), kv => Assert.True(kv.Value.equal(copy.state_dict()[kv.Key]).all().item<bool>(), kv.Key));
    }

    [Fact]
    public void A_head_for_other_features_is_refused()
    {
        using var net = new SmallCnn(3);

        Assert.Throws<ArgumentException>(() => net.ReplaceHead(new MlpHead(127, TwoLayers, 3)));
        Assert.Throws<ArgumentException>(() => new MlpHead(6, HeadSpec.Linear, 3));
    }
}
