using GraphQL;
using GraphQL.Types;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.Doitong;

/// Seed 001's GraphQL schema: `generate(input:)`, and reads the seed implies (its polling example
/// checks a job's status): `generation(id:)` and `generations(first:, after:)`.
internal sealed class DoitongSchema : Schema
{
    public DoitongSchema(IServiceProvider services) : base(services)
    {
        Query = new DoitongQuery();
        Mutation = new DoitongMutation();
    }
}

internal sealed class DoitongMutation : ObjectGraphType
{
    public DoitongMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<GenerationGraphType>>("generate")
            .Argument<NonNullGraphType<GenerateInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var ctx = DoitongContext.Of(c);
                var tasks = c.RequestServices!.GetRequiredService<DoitongTasks>();
                var render = DoitongAnswers.SingleFieldRenderer(c);
                var (generation, error, stored) = await tasks.CreateAsync(ctx.Http, c.GetArgument<GenerateInput>("input").ToRequest(), render, c.CancellationToken);
                if (generation is null) throw ctx.Fail(error!);
                ctx.Answer = stored;
                return generation;
            });
    }
}

internal sealed class DoitongQuery : ObjectGraphType
{
    public DoitongQuery()
    {
        Name = "Query";
        Field<GenerationGraphType>("generation")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var ctx = DoitongContext.Of(c);
                var id = c.GetArgument<string>("id");
                var tasks = c.RequestServices!.GetRequiredService<DoitongTasks>();
                return await tasks.FindAsync(ctx.Http, id, c.CancellationToken) ?? throw ctx.Fail(ApiError.NotFound("generation", id));
            });
        Field<NonNullGraphType<GenerationConnectionGraphType>>("generations")
            .Description("The caller's generations, newest first; `after` is the previous page's endCursor.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var ctx = DoitongContext.Of(c);
                var (paging, error) = PageQuery.Read(c.GetArgument<int?>("first")?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    c.GetArgument<string?>("after"), "a generation id");
                if (paging is null) throw ctx.Fail(error! with { Param = error.Param == "limit" ? "first" : error.Param });
                var db = c.RequestServices!.GetRequiredService<ReelgateDb>();
                var tasks = c.RequestServices!.GetRequiredService<DoitongTasks>();
                var rows = await ListTasks.RowsAsync(db, Caller.From(ctx.Http).AccountId, paging, "desc", null, c.CancellationToken);
                var page = paging.Page(rows, t => t.Id, t => tasks.Show(t, TaskJson.Origin(ctx.Http.Request)));
                return new DoitongPage(page.Data, page.HasMore, page.LastId);
            });
    }
}

/// Per request: the HTTP context, and what a resolver learned that decides the HTTP answer
/// (an ApiError → the whole answer is Doitong's error envelope with its status; a stored
/// idempotent answer → those exact bytes).
internal sealed class DoitongContext(HttpContext http) : Dictionary<string, object?>
{
    public HttpContext Http => http;
    public ApiError? Error { get; private set; }
    public Tasks.Submission.StoredAnswer? Answer { get; set; }

    public static DoitongContext Of(IResolveFieldContext c) => (DoitongContext)c.UserContext;

    public ExecutionError Fail(ApiError error)
    {
        Error ??= error;
        return new ExecutionError(error.Message) { Code = DoitongEnvelope.Code(error) };
    }
}
