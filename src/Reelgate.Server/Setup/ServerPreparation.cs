using Microsoft.Extensions.Options;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Media;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Setup;

/// What must hold before the server takes requests: the data folder, FFmpeg, the schema, an admin key.
internal static class ServerPreparation
{
    public static async Task PrepareAsync(this WebApplication app, bool renders)
    {
        // Said at start-up so an operator (and a test) can tell a process that never claims a task.
        if (!renders) app.Logger.LogInformation("no worker runs in this process (Roles, Worker:Enabled): tasks wait for a worker process");
        var sp = app.Services;
        // Every ValidateOnStart check, before anything below installs, migrates or creates.
        sp.GetService<IStartupValidator>()?.Validate();
        var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        Directory.CreateDirectory(storage.BlobRoot);
        Directory.CreateDirectory(storage.ScratchRoot);
        RemoveStaleScratch(storage.ScratchRoot);

        if (sp.GetRequiredService<IBlobStore>() is S3BlobStore s3)
        {
            try { await s3.EnsureBucketAsync(CancellationToken.None); }
            catch (Exception e) when (e is HttpRequestException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
            {
                await Console.Error.WriteLineAsync($"The S3 store ({storage.S3.ServiceUrl}, bucket '{storage.S3.Bucket}') cannot be used: {e.Message}");
                Environment.Exit(2);
            }
        }

        if (await sp.GetRequiredService<FfmpegCheck>().EnsureAsync(CancellationToken.None) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            Environment.Exit(2);
        }

        var applied = MigrationRunner.Apply(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, DataSetup.ConnectionString(sp));
        app.Logger.LogInformation("database ready ({Applied} migration(s) applied)", applied);

        await using var scope = sp.CreateAsyncScope();
        await sp.GetRequiredService<Links.LinkKey>().LoadAsync(scope.ServiceProvider.GetRequiredService<ReelgateDb>(),
            sp.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        await AdminBootstrap.EnsureAdminKeyAsync(
            scope.ServiceProvider.GetRequiredService<ReelgateDb>(),
            sp.GetRequiredService<IOptions<AuthOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            new AdminBootstrap.KeyOutput(!Console.IsOutputRedirected, Console.Out,
                Path.Combine(Path.GetFullPath(storage.Root), AdminBootstrap.KeyFileName), app.Logger));
    }

    /// Scratch folders are named after their worker, which embeds its process id; a folder whose
    /// process is gone was left by a crash.
    static void RemoveStaleScratch(string scratch)
    {
        foreach (var dir in Directory.GetDirectories(scratch))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[^2], out var pid) || IsAlive(pid) && pid != Environment.ProcessId) continue;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static bool IsAlive(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }
}
