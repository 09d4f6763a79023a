using Reelgate.Server.Providers.Local;

namespace Reelgate.Server.Tests.Providers.Local;

public sealed class CaptionFormatterTests
{
    [Fact]
    public void Wraps_words_to_the_line_width()
    {
        var caption = CaptionFormatter.Format("one two three four five six", 10);

        Assert.Equal("one two\nthree four\nfive six", caption);
    }

    [Fact]
    public void Long_prompts_are_cut_to_three_lines_with_an_ellipsis()
    {
        var caption = CaptionFormatter.Format(string.Join(' ', Enumerable.Repeat("lorem ipsum", 200)), 30);
        var lines = caption.Split('\n');

        Assert.Equal(CaptionFormatter.MaxLines, lines.Length);
        Assert.All(lines, l => Assert.True(l.Length <= 30, l));
        Assert.EndsWith("…", lines[^1]);
    }

    [Fact]
    public void Keeps_special_characters_literally_and_drops_what_the_font_cannot_draw()
    {
        var caption = CaptionFormatter.Format("say \"hi\": 100% \\ ok\r\nnext\tline 🎉 café ☀️", 200);

        Assert.Equal("say \"hi\": 100% \\ ok next line café ☀", caption);
    }

    [Fact]
    public void Over_long_words_are_shortened()
    {
        Assert.Equal("abcd…", CaptionFormatter.Format("abcdefghijkl", 5));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("🎉🎉")]
    public void Empty_or_unprintable_prompts_give_no_caption(string prompt)
    {
        Assert.Equal("", CaptionFormatter.Format(prompt, 40));
    }
}
