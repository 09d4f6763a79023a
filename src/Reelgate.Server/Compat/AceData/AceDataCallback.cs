using System.Text;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.AceData;

/// What a task created with `callback_url` POSTs when it ends: the same JSON as the synchronous
/// result (AceData's documented behaviour), signed with the native Standard Webhooks headers
/// (AceData documents no signature). There is no request behind a callback, so its trace_id is
/// the task id.
internal sealed class AceDataCallback : DialectCallback
{
    public override string Dialect => Dialects.AceData;

    public override string? Payload(TaskView view, TaskLinks links) =>
        Encoding.UTF8.GetString(AceDataJson.Bytes(AceDataJson.Result(view, links, view.Row.Id)));
}
