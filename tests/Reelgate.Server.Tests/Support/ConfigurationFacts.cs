namespace Reelgate.Server.Tests.Support;

/// A test that proves something only on PostgreSQL: skipped, with the reason, in the default
/// SQLite pass, instead of returning early and counting as passed.
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres)
            Skip = "needs REELGATE_TEST_DATABASE=postgres: it runs in the PostgreSQL pass of the suite (.ci/run)";
    }
}

/// A test of the S3 store as the server's configured storage: skipped, with the reason, unless
/// the suite runs on S3.
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute()
    {
        if (!Blobs.IsS3)
            Skip = "needs REELGATE_TEST_STORAGE=s3 (and an s3rver at REELGATE_TEST_S3): it runs in the S3 pass of the suite (.ci/run)";
    }
}
