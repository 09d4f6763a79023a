namespace Reelgate.Server.Tests.Media;

/// Finds live processes by a unique command-line argument (Linux /proc), to prove a kill worked.
internal static class TestProcesses
{
    public static IReadOnlyList<int> WithArgument(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains(marker, StringComparison.Ordinal) && !IsZombie(dir))
                    found.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process exited while being read.
            }
        }
        return found;
    }

    private static bool IsZombie(string dir) =>
        File.ReadAllText(Path.Combine(dir, "stat")).Split(") ").ElementAtOrDefault(1)?.StartsWith('Z') == true;
}
