namespace Reelgate.Server.Tasks;

/// Veo accepts prompts of up to 2,000 tokens. Without the model's tokenizer we count
/// conservatively: the larger of one token per word and one per four characters.
internal static class PromptLimits
{
    public const int MaxTokens = 2000;

    public static int EstimateTokens(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Max(words, (text.Length + 3) / 4);
    }
}
