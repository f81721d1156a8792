using VoiceFleet.Encoders.Tests.Support;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Encoders.Tests.Service;

/// <summary>The same voice registry tests on PostgreSQL 15 (<c>Encoders:Storage:Provider=postgres</c>), one fresh database per test.</summary>
[Collection(ForgedModelsGroup.Name)]
public sealed class PostgresVoiceRegistryTests(ForgedModels models, PostgresCluster postgres) : VoiceRegistryTests(models), IClassFixture<PostgresCluster>
{
    private readonly string _name = $"encoders_{Guid.NewGuid():N}";
    private string _connectionString = string.Empty;

    protected override string[] StorageArguments => ["--Encoders:Storage:Provider=postgres", $"--Encoders:Storage:ConnectionString={_connectionString}"];

    public override async Task InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync(_name);

    public override async Task DisposeAsync()
    {
        await postgres.DropDatabaseAsync(_name);
        await base.DisposeAsync();
    }
}
