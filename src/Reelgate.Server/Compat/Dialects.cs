namespace Reelgate.Server.Compat;

/// The surfaces a task can come through. Stored on the task (`tasks.dialect`) and shown as its
/// `dialect` field; a dialect's callbacks and answers take that surface's shape.
internal static class Dialects
{
    public const string Native = "native";
    public const string Gemini = "gemini";
    public const string Vertex = "vertex";
    public const string Doitong = "doitong";
    public const string AceData = "acedata";
    public const string Veo3o1 = "veo3o1";
    public const string EvoLink = "evolink";
}
