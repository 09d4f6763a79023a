using Reelgate.Server.Data;
using Reelgate.Server.Setup;

namespace Reelgate.Server.Tasks;

internal static class TasksSetup
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddOptions<TasksOptions>().BindConfiguration(TasksOptions.Section).Check(o => o.Problem()).ValidateOnStart();
        services.AddSingleton<TaskViews>();
        services.AddSingleton<TaskJson>();
        services.AddSingleton<Lifecycle.TaskLifecycle>();
        services.AddSingleton<Waiting.TaskEnded>();
        services.AddSingleton<Waiting.TaskWaits>();
        services.AddHostedService(sp => sp.GetRequiredService<Waiting.TaskWaits>());
        services.AddScoped<Submission.TaskSubmission>();
        services.AddSingleton(sp => new TaskLookup(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value, DataSetup.ConnectionString(sp)));
        return services;
    }
}
