using Reelgate.Server.Catalog;

namespace Reelgate.Server.Tests.Catalog;

/// ModelSet.Choose on the shipped models.json, with the clock as an argument.
public sealed class ModelChoiceTests
{
    static readonly ModelSet Shipped = CatalogFile.Load(Path.Combine(AppContext.BaseDirectory, "models.json")).Models!;
    static readonly DateTimeOffset Today = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Shutdown = new(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("veo3", "veo-3.0-generate-001", "veo-3.1-generate-001")]
    [InlineData("veo-3", "veo-3.0-generate-001", "veo-3.1-generate-001")]
    [InlineData("veo3-fast", "veo-3.0-fast-generate-001", "veo-3.1-fast-generate-001")]
    [InlineData("veo2", "veo-2.0-generate-001", "veo-3.1-fast-generate-001")]
    [InlineData("models/veo2-fast", "veo-2.0-generate-001", "veo-3.1-fast-generate-001")]
    public void AShutDownModel_IsServedByItsReplacement_WithANoticeAndBothHeaderDates(string name, string requested, string served)
    {
        var choice = Shipped.Choose(name, Today)!;
        Assert.Equal(requested, choice.Requested.Id);
        Assert.Equal(served, choice.Served.Id);
        Assert.Equal(new ModelNotice("model_replaced", $"{requested} was shut down on 2026-06-30; served by {served}"), choice.Notice);
        Assert.Equal(Shutdown, choice.Deprecation); // no deprecated_at in the file: the shutdown date stands in
        Assert.Equal(Shutdown, choice.Sunset);
    }

    [Fact]
    public void TheDayBeforeShutdown_TheModelIsServedAsAsked_AsDeprecated()
    {
        var choice = Shipped.Choose("veo3", Shutdown.AddSeconds(-1))!;
        Assert.Equal("veo-3.0-generate-001", choice.Served.Id);
        Assert.Equal(new ModelNotice("model_deprecated", "veo-3.0-generate-001 is deprecated and shuts down on 2026-06-30; use veo-3.1-generate-001"), choice.Notice);
        Assert.Equal(Shutdown, choice.Sunset);
        Assert.Equal("veo-3.0-generate-001", Shipped.Choose("veo3", Shutdown)!.Requested.Id);
        Assert.Equal("veo-3.1-generate-001", Shipped.Choose("veo3", Shutdown)!.Served.Id); // the shutdown instant itself is past
    }

    [Theory]
    [InlineData("veo3.1-pro", "veo-3.1-generate-preview")]
    [InlineData("veo3.1-fast", "veo-3.1-fast-generate-preview")]
    [InlineData("veo-3.1-generate-001", "veo-3.1-generate-001")]
    [InlineData("veo-3.1-fast-generate-001", "veo-3.1-fast-generate-001")]
    [InlineData("VEO-3.1-LITE-GENERATE-001", "veo-3.1-lite-generate-001")]
    public void AnActiveModel_IsServedAsAsked_WithNothingToSay(string name, string id)
    {
        var choice = Shipped.Choose(name, Today)!;
        Assert.Same(choice.Requested, choice.Served);
        Assert.Equal(id, choice.Served.Id);
        Assert.Null(choice.Notice);
        Assert.Null(choice.Deprecation);
        Assert.Null(choice.Sunset);
    }

    [Fact]
    public void AnUnknownName_ChoosesNothing() => Assert.Null(Shipped.Choose("sora-2", Today));

    [Fact]
    public void Replacements_AreFollowedWhileTheyAreShutDownToo()
    {
        var set = CatalogFileTests.Parse(
            CatalogFileTests.Model("a", shutdownAt: "2026-01-01", replacement: "b"),
            CatalogFileTests.Model("b", deprecatedAt: "2026-02-01", shutdownAt: "2026-03-01", replacement: "c"),
            CatalogFileTests.Model("c")).Models!;
        Assert.Equal("b", set.Choose("a", new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero))!.Served.Id);
        var late = set.Choose("a", Today)!;
        Assert.Equal("c", late.Served.Id);
        Assert.Equal("a was shut down on 2026-01-01; served by c", late.Notice!.Message);
        var b = set.Choose("b", new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero))!;
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), b.Deprecation);
        Assert.Equal("model_deprecated", b.Notice!.Code);
    }

    [Fact]
    public void TheShippedFile_KeepsEveryAliasTheSeedsUse_AndServesTheVertexGaIds()
    {
        foreach (var name in new[] { "veo2", "veo2-fast", "veo3", "veo3-fast", "veo-3", "veo3.1", "veo3.1-pro", "veo3.1-fast", "veo-3.1-fast-generate-preview" })
            Assert.NotNull(Shipped.Find(name));
        Assert.Equal("veo-3.1-fast-generate-preview", Shipped.DefaultModel);
        foreach (var id in new[] { "veo-3.1-generate-001", "veo-3.1-fast-generate-001", "veo-3.1-lite-generate-001" })
            Assert.Equal(id, Shipped.Find(id)!.Upstream["vertex"]);
        Assert.Equal("veo-3.1-generate-preview", Shipped.Find("veo-3.1-generate-001")!.Upstream["gemini"]);
        Assert.All(Shipped.Models.Where(m => m.Id.StartsWith("veo-2.0", StringComparison.Ordinal) || m.Id.StartsWith("veo-3.0", StringComparison.Ordinal)),
            m => Assert.Equal(Shutdown, m.Lifecycle.ShutdownAt));
    }
}
