namespace Reelgate.Server.Storage;

/// A seekable, read-only view of a remote object of known length: reading from a position opens
/// one ranged download from there to the end and keeps reading it sequentially; a seek elsewhere
/// drops it. This is what lets HTTP Range requests be served from an object store without
/// downloading the whole object first.
internal sealed class RangedReadStream(long length, Func<long, CancellationToken, Task<Stream>> openFrom) : Stream
{
    Stream? current;
    long currentAt = -1;
    long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (position >= length || buffer.Length == 0) return 0;
        if (current is null || currentAt != position)
        {
            if (current is not null) await current.DisposeAsync();
            current = await openFrom(position, ct);
            currentAt = position;
        }
        var n = await current.ReadAsync(buffer, ct);
        position += n;
        currentAt += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, default).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => position + offset, _ => length + offset };
        if (target < 0) throw new IOException("Seek before the start of the object.");
        position = target;
        return position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) current?.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (current is not null) await current.DisposeAsync();
        await base.DisposeAsync();
    }
}
