using System.Globalization;
using System.Text.RegularExpressions;

namespace Reelgate.Server.Compat.Google;

/// How tasks and their files are named on the Google surface. An operation's id and a file's
/// name are the task id's hex part (Google's SDK and our own Veo adapters accept only
/// [A-Za-z0-9._~-] in an operation id, and `ai.files.download` keeps only [a-z0-9] of a file name).
internal static partial class GoogleNames
{
    const string TaskPrefix = "video_";

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex();

    [GeneratedRegex("files/([0-9a-f]{32})x([0-9]{1,2})(?::download)?$")]
    private static partial Regex FileName();

    public static string OperationId(string taskId) => taskId.StartsWith(TaskPrefix, StringComparison.Ordinal) ? taskId[TaskPrefix.Length..] : taskId;

    public static string Gemini(string model, string taskId) => $"models/{model}/operations/{OperationId(taskId)}";

    /// With project and location when the request had them; the express-mode form without.
    public static string Vertex(string? project, string? location, string model, string taskId) =>
        (project is null ? "" : $"projects/{project}/locations/{location}/") + $"publishers/google/models/{model}/operations/{OperationId(taskId)}";

    /// An operation id (or a whole operation name) → the task id; null when it cannot be one.
    public static string? TaskId(string operation)
    {
        var id = operation[(operation.LastIndexOf('/') + 1)..];
        if (id.StartsWith(TaskPrefix, StringComparison.Ordinal)) id = id[TaskPrefix.Length..];
        return Hex().IsMatch(id) ? TaskPrefix + id : null;
    }

    public static string File(string taskId, int index) => $"files/{OperationId(taskId)}x{index.ToString(CultureInfo.InvariantCulture)}";

    /// The task and output of a file path. Matched at the end of the path: over plain http the SDK
    /// sends the whole `uri` after `files/` (`files/http://host/v1beta/files/{name}:download`).
    public static (string TaskId, int Index)? ParseFile(string path) =>
        FileName().Match(path) is { Success: true } m ? (TaskPrefix + m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : null;
}
