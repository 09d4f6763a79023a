namespace Reelgate.Server.Tests.Support;

/// One server for the tests that do not restart it; each test makes its own account.
public sealed class SharedServer : IAsyncLifetime
{
    public ServerProcess Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<SharedServer>
{
    public const string Name = "shared server";
}
