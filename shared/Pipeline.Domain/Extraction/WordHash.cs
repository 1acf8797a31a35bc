using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Domain.Extraction;

/// <summary>
/// The word-level primitives of the phrase scan. Words are maximal runs of letters and digits, found
/// from a bitmap built 16 characters at a time (no branch per character), and keyed by a case-folded
/// 64-bit hash computed four characters at a time. The hash of a phrase word at build time and of the
/// same word in a text are equal by construction: both fold and pack characters the same way.
/// </summary>
internal static class WordHash
{
    private const ulong Seed = 14695981039346656037UL;
    /// <summary>ORed into four packed ASCII letters or digits, lower-cases the letters and leaves digits.</summary>
    private const ulong Lower = 0x0020_0020_0020_0020UL;
    private const ulong NonAscii = 0xFF80_FF80_FF80_FF80UL;

    /// <summary>Letters and digits lower-cased (ASCII by table, others invariantly); 0 for everything else.</summary>
    private static ReadOnlySpan<byte> AsciiFold => FoldTable;

    private static readonly byte[] FoldTable = Enumerable.Range(0, 128)
        .Select(c => char.IsAsciiLetterOrDigit((char)c) ? (byte)char.ToLowerInvariant((char)c) : (byte)0)
        .ToArray();

    public static bool IsWordChar(char c) => c < 128 ? AsciiFold[c] != 0 : char.IsLetterOrDigit(c);

    private static uint Fold(char c) => c < 128 ? AsciiFold[c] : char.ToLowerInvariant(c);

    /// <summary>The hash of a word (all of it letters or digits): its folded characters packed four to a chunk, at least two chunks.</summary>
    public static ulong Of(ReadOnlySpan<char> word)
    {
        var hash = Seed;
        var chunks = Math.Max(2, (word.Length + 3) / 4);
        for (var i = 0; i < chunks * 4; i += 4)
        {
            var chunk = 0UL;
            for (var k = 0; k < 4 && i + k < word.Length; k++)
                chunk |= (ulong)Fold(word[i + k]) << (16 * k);
            hash = Mix(hash, chunk);
        }
        return Finish(hash, word.Length);
    }

    /// <summary>Masks keeping the first 0 to 4 characters of a chunk.</summary>
    private static ReadOnlySpan<ulong> Keep => [0, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF_FFFF, ulong.MaxValue];

    /// <summary>The hash of the word text[start..end]: equal to <see cref="Of(ReadOnlySpan{char})"/>, faster for ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(ReadOnlySpan<char> text, int start, int end)
    {
        var n = end - start;
        if (end + 8 <= text.Length) // whole chunks may read up to eight characters past the word, not past the text
        {
            ref var first = ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start);
            if (n <= 8)
            {
                if (Short(ref first, n) is var hash and not 0)
                    return hash;
            }
            else if (Long(ref first, n) is var hash and not 0)
            {
                return hash;
            }
        }
        return Of(text[start..end]);
    }

    /// <summary><see cref="Of(ReadOnlySpan{char}, int, int)"/> kept out of line, for the rare word the scan's fast path leaves.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ulong OfOutOfLine(ReadOnlySpan<char> text, int start, int end) => Of(text, start, end);

    /// <summary>
    /// The hash of an ASCII word of 1 to 8 characters starting at <paramref name="first"/>, with 8 characters readable
    /// from there; 0 when the word is not ASCII (a real hash of 0 only sends the word down the slow path, which agrees).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Short(ref char first, int n)
    {
        // Two chunks, and no branch on the length (it is unpredictable): bit tricks for min and max.
        ref var bytes = ref Unsafe.As<char, byte>(ref first);
        ref var keep = ref MemoryMarshal.GetReference(Keep);
        var over = n - 4;
        var second = over & ~(over >> 31); // max(n - 4, 0)
        var keep0 = Unsafe.Add(ref keep, n - second); // min(n, 4)
        var keep1 = Unsafe.Add(ref keep, second);
        var c0 = Unsafe.ReadUnaligned<ulong>(ref bytes) & keep0;
        var c1 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, 8)) & keep1;
        if (((c0 | c1) & NonAscii) != 0)
            return 0;
        return Finish(Mix(Mix(Seed, c0 | (Lower & keep0)), c1 | (Lower & keep1)), n);
    }

    /// <summary>As <see cref="Short"/> for a word of more than 8 characters.</summary>
    private static ulong Long(ref char first, int n)
    {
        ref var bytes = ref Unsafe.As<char, byte>(ref first);
        var hash = Seed;
        var seen = 0UL;
        var i = 0;
        for (; i + 4 <= n; i += 4)
        {
            var chunk = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, i * 2));
            seen |= chunk;
            hash = Mix(hash, chunk | Lower);
        }
        if (i < n)
        {
            var keep = Keep[n - i];
            var chunk = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, i * 2)) & keep;
            seen |= chunk;
            hash = Mix(hash, chunk | (Lower & keep));
        }
        return (seen & NonAscii) == 0 ? Finish(hash, n) : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong chunk)
    {
        hash = (hash ^ chunk) * 0x9E3779B97F4A7C15UL;
        return hash ^ (hash >> 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong hash, int length)
    {
        hash = (hash ^ (ulong)length) * 0xD6E8FEB86659FD93UL;
        return hash ^ (hash >> 29);
    }

    /// <summary>Sets bit i of <paramref name="bits"/> (cleared first) where text[i] is a letter or digit.</summary>
    public static void WordChars(ReadOnlySpan<char> text, Span<ulong> bits)
    {
        bits.Clear();
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 16 <= text.Length; i += 16)
            {
                var v = Vector256.LoadUnsafe(ref chars, (nuint)i);
                var letter = Vector256.LessThan((v | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26));
                var digit = Vector256.LessThan(v - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10));
                var mask = (letter | digit).ExtractMostSignificantBits();
                var high = Vector256.GreaterThanOrEqual(v, Vector256.Create((ushort)128)).ExtractMostSignificantBits();
                if (high != 0)
                    mask = WithNonAscii(text, i, mask, high);
                bits[i >> 6] |= (ulong)mask << (i & 63);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 8 <= text.Length; i += 8)
            {
                var v = Vector128.LoadUnsafe(ref chars, (nuint)i);
                var letter = Vector128.LessThan((v | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
                var digit = Vector128.LessThan(v - Vector128.Create((ushort)'0'), Vector128.Create((ushort)10));
                var mask = (letter | digit).ExtractMostSignificantBits();
                var high = Vector128.GreaterThanOrEqual(v, Vector128.Create((ushort)128)).ExtractMostSignificantBits();
                if (high != 0)
                    mask = WithNonAscii(text, i, mask, high);
                bits[i >> 6] |= (ulong)mask << (i & 63);
            }
        }
        for (; i < text.Length; i++)
        {
            if (IsWordChar(text[i]))
                bits[i >> 6] |= 1UL << (i & 63);
        }
    }

    /// <summary>Non-ASCII characters are letters or digits as Unicode says ("é", "ü"), not as the ASCII test said.</summary>
    private static uint WithNonAscii(ReadOnlySpan<char> text, int at, uint mask, uint high)
    {
        for (; high != 0; high &= high - 1)
        {
            var k = BitOperations.TrailingZeroCount(high);
            mask = char.IsLetterOrDigit(text[at + k]) ? mask | (1u << k) : mask & ~(1u << k);
        }
        return mask;
    }
}
