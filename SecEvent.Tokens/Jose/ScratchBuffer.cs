using System.Buffers;

namespace SecEvent.Tokens.Jose;

/// <summary>
/// A per-thread byte buffer for the short synchronous steps of validation (decode, parse, verify). Renting
/// from the shared pool for every part of every token cost more than parsing the claims; a buffer kept per
/// thread costs nothing after the first use. Tokens larger than <see cref="KeptBytes"/> borrow from the pool.
/// </summary>
internal struct ScratchBuffer : IDisposable
{
    private const int KeptBytes = 16 * 1024;

    [ThreadStatic]
    private static byte[]? t_first;

    [ThreadStatic]
    private static byte[]? t_second;

    private byte[]? _rented;
    private byte[]? _kept;
    private readonly bool _second;

    private ScratchBuffer(int length, bool second)
    {
        _second = second;
        if (length > KeptBytes)
        {
            _rented = ArrayPool<byte>.Shared.Rent(length);
            Array = _rented;
            return;
        }

        // Taken from the thread for the duration of the step, so a nested use cannot share it.
        _kept = (second ? t_second : t_first) ?? new byte[KeptBytes];
        if (second)
        {
            t_second = null;
        }
        else
        {
            t_first = null;
        }

        Array = _kept;
    }

    /// <summary>The buffer: at least as long as asked for, possibly longer.</summary>
    public byte[] Array { get; }

    /// <summary>Borrows the thread's first buffer (or the pool's, for large requests).</summary>
    public static ScratchBuffer First(int length) => new(length, second: false);

    /// <summary>Borrows the thread's second buffer, for a step that needs two at once.</summary>
    public static ScratchBuffer Second(int length) => new(length, second: true);

    /// <summary>Gives the buffer back.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
        else if (_kept is not null)
        {
            if (_second)
            {
                t_second = _kept;
            }
            else
            {
                t_first = _kept;
            }

            _kept = null;
        }
    }
}
