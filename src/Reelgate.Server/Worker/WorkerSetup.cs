namespace Reelgate.Server.Worker;

internal static class WorkerSetup
{
    public static IServiceCollection AddWorker(this IServiceCollection services, IConfiguration config, bool workerRole)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section)
            .Validate(o => o.Concurrency is >= 1 and <= 256, "Worker:Concurrency must be from 1 to 256")
            .Validate(o => o.LeaseSeconds >= 1 && o.HeartbeatSeconds > 0 && o.PollSeconds > 0, "Worker lease, heartbeat and poll times must be positive")
            .Validate(o => o.MaxAttempts >= 1, "Worker:MaxAttempts must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<WorkerSignal>();
        services.AddSingleton<RunningRenders>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton<UpscaleRun>();
        services.AddSingleton<Tasks.Sequels.SequelRun>();
        services.AddSingleton<Tasks.Checks.OutputVerifier>();
        services.AddSingleton<FairQueue>();
        services.AddSingleton<WorkerService>();
        if (Runs(config, workerRole))
        {
            services.AddHostedService(sp => sp.GetRequiredService<WorkerService>());
            services.AddHostedService<Tasks.RetentionSweeper>();
        }
        if (workerRole) services.AddHostedService<Tasks.Deadlines.DeadlineSweeper>();
        return services;
    }

    /// Whether this process renders: the worker role, unless Worker:Enabled turns it off.
    /// Decided while services are registered, so the flag is read here, defaulting to the class's own default.
    public static bool Runs(IConfiguration config, bool workerRole) =>
        workerRole && config.GetValue($"{WorkerOptions.Section}:{nameof(WorkerOptions.Enabled)}", new WorkerOptions().Enabled);
}
