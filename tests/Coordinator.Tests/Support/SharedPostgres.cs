namespace Daft.Coordinator.Tests.Support;

/// <summary>
/// One <see cref="PostgresServer"/> for every test class in <see cref="SharedPostgresCollection"/>, started on first use:
/// a class whose tests are all skipped (no PostgreSQL here) never starts it. Tests take a database each
/// (<see cref="PostgresServer.CreateDatabase"/>); a test that kills the server makes its own instead.
/// </summary>
public sealed class SharedPostgres : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(() => new PostgresServer());

    public PostgresServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

/// <summary>The test classes that share one <see cref="SharedPostgres"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPostgresCollection : ICollectionFixture<SharedPostgres>
{
    public const string Name = "PostgreSQL server";
}
