using Reelgate.Server.Accounts;
using Reelgate.Server.Billing;
using Reelgate.Server.Catalog;
using Reelgate.Server.Compat;
using Reelgate.Server.Data;
using Reelgate.Server.Files;
using Reelgate.Server.Health;
using Reelgate.Server.Http;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Limits;
using Reelgate.Server.Links;
using Reelgate.Server.Media;
using Reelgate.Server.Metrics;
using Reelgate.Server.Previews;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Routing;
using Reelgate.Server.Renditions;
using Reelgate.Server.Setup;
using Reelgate.Server.Storage;
using Reelgate.Server.Streaming;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Sequels;
using Reelgate.Server.Webhooks;
using Reelgate.Server.Worker;

// appsettings.json is read from beside the program, whatever folder it is started in.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddServerConsole(builder.Configuration);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
var roles = ServerRoles.Parse(builder.Configuration["Roles"]);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApiDocs();
builder.Services
    .AddModelCatalog()
    .AddStorage()
    .AddData(builder.Configuration)
    .AddMedia()
    .AddAccounts()
    .AddBilling()
    .AddIdempotency()
    .AddRateLimits()
    .AddFiles()
    .AddTasks()
    .AddLinks()
    .AddPreviews()
    .AddCompat()
    .AddServerMetrics()
    .AddWebhooks(builder.Configuration, roles.Worker)
    .AddProviders(builder.Configuration)
    .AddWorker(builder.Configuration, roles.Worker)
    .AddRenditions(builder.Configuration, roles.Worker);

var app = builder.Build();
app.UseModelCatalog();
await app.PrepareAsync(WorkerSetup.Runs(builder.Configuration, roles.Worker));

app.UseRequestIds();
app.UseRequestMetrics();
app.UseProblemErrors();
ErrorEnvelope.UseErrorEnvelopes(app);
app.MapHealth();
app.MapMetrics();
if (roles.Api)
{
    app.MapOpenApi();
    app.UseApiDocs();
    var v1 = app.MapApiGroup("/v1");
    v1.MapKeys();
    v1.MapAccounts();
    v1.MapUsage();
    v1.MapModels();
    v1.MapFiles();
    v1.MapTasks();
    v1.MapRenditions();
    v1.MapSequels();
    v1.MapWebhooks();
    v1.MapProviders();
    app.MapLinks();
    app.MapHls();
    app.MapCompat();
}

app.Run();
