using System.Text;

namespace Reelgate.Server.Providers.Local;

/// SplitMix64: tiny, fast and identical on every platform and process, unlike System.Random's
/// unspecified algorithm or string.GetHashCode's per-process randomisation.
internal sealed class SceneRandom(ulong state)
{
    private ulong _state = state;

    public static SceneRandom For(uint seed, string text) =>
        new(Fnv1a64(text) ^ ((ulong)seed << 32 | seed) * 0x9E3779B97F4A7C15UL);

    public static ulong Fnv1a64(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// Uniform in [0, 1) from the top 53 bits.
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + (max - min) * NextDouble();

    public int Next(int exclusiveMax) => (int)(NextDouble() * exclusiveMax);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
