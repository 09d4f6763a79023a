using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Routing;

namespace Reelgate.Server.Tests.Providers.Routing;

/// One options class per `Providers:<Name>` section, one default per key: what the adapter's
/// options say is what the router and the registry use, and a setting that cannot work stops
/// start-up naming its key.
public sealed class ProviderDefaultsTests
{
    static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new Server.Billing.Pricing(config))
            .AddSingleton(new FfmpegRunner())
            .AddLogging();
        services.AddProviders(config);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void ComfyUi_RunsOneJobAtATime_AndPollsEveryTwoSeconds_ByDefault()
    {
        using var sp = Services(new() { ["Providers:ComfyUi:Enabled"] = "true", ["Providers:ComfyUi:BaseUrl"] = "http://gpu-box:8188" });
        var comfy = sp.GetRequiredService<ProviderRegistry>().Get("comfyui")!;
        Assert.Equal(1, comfy.Entry.Settings.MaxConcurrency);
        Assert.Equal(1, comfy.Slots.CurrentCount);
        Assert.Equal(2, comfy.Entry.Settings.PollSeconds);
    }

    [Theory]
    [InlineData("Gemini", "gemini", 4, 10)]
    [InlineData("OpenAiCompatible", "openai-compatible", 4, 5)]
    [InlineData("ComfyUi", "comfyui", 1, 2)]
    public void TheRegistryUsesTheAdaptersDefaults(string section, string name, int maxConcurrency, double pollSeconds)
    {
        using var sp = Services(new() { [$"Providers:{section}:Enabled"] = "true", [$"Providers:{section}:BaseUrl"] = "http://upstream.test" });
        var live = sp.GetRequiredService<ProviderRegistry>().Get(name)!;
        Assert.Equal((maxConcurrency, pollSeconds, 60d, 3, 30d), (live.Entry.Settings.MaxConcurrency, live.Entry.Settings.PollSeconds,
            live.Entry.Settings.MaxPollSeconds, live.Entry.Settings.CircuitFailures, live.Entry.Settings.CircuitCooldownSeconds));
        Assert.Equal(maxConcurrency, live.Slots.CurrentCount);
    }

    [Fact]
    public void OneSettingServesTheAdapterAndTheRouter()
    {
        using var sp = Services(new() { ["Providers:ComfyUi:Enabled"] = "true", ["Providers:ComfyUi:MaxConcurrency"] = "3" });
        var comfy = sp.GetRequiredService<ProviderRegistry>().Get("comfyui")!;
        Assert.Same(sp.GetRequiredService<IOptions<Server.Providers.ComfyUi.ComfyUiOptions>>().Value, comfy.Entry.Settings);
        Assert.Equal(3, comfy.Slots.CurrentCount);
    }

    [Theory]
    [InlineData("ComfyUi", "MaxConcurrency", "0", "Providers:ComfyUi:MaxConcurrency must be at least 1.")]
    [InlineData("OpenAiCompatible", "PollSeconds", "0", "Providers:OpenAiCompatible:PollSeconds must be more than 0.")]
    [InlineData("Gemini", "CircuitFailures", "0", "Providers:Gemini:CircuitFailures must be at least 1.")]
    [InlineData("Gemini", "GenerationTypes:0", "video", "Providers:Gemini:GenerationTypes: 'video' is not one of")]
    [InlineData("Vertex", "Project", "p", "Providers:Vertex needs CredentialsFile or CredentialsJson.")]
    public void ASettingThatCannotWork_StopsStartUp_NamingIt(string section, string key, string value, string message)
    {
        using var sp = Services(new() { [$"Providers:{section}:Enabled"] = "true", [$"Providers:{section}:{key}"] = value });
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ADisabledProvidersSettings_AreNotChecked()
    {
        using var sp = Services(new() { ["Providers:ComfyUi:MaxConcurrency"] = "0", ["Providers:DeadlineMinutes"] = "5" });
        sp.GetRequiredService<IStartupValidator>().Validate();
        Assert.Empty(sp.GetRequiredService<ProviderRegistry>().All);
    }

    [Fact]
    public async Task TheServer_StopsAtStartUp_NamingTheBadKey_BeforeTheDatabaseIsCreated()
    {
        await using var server = new Support.ServerProcess(new() { ["Providers__ComfyUi__Enabled"] = "true", ["Providers__ComfyUi__MaxConcurrency"] = "0" });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);
        Assert.Contains("Providers:ComfyUi:MaxConcurrency must be at least 1.", e.Message);
        Assert.False(File.Exists(Path.Combine(server.DataRoot, "reelgate.db")));
    }
}
