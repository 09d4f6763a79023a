using System.Security.Cryptography;
using Reelgate.Server.Data;

namespace Reelgate.Server.Links;

/// The HMAC key of download links: made once per installation and kept in `server_secrets`, so
/// every api process (and every restart) signs and checks the same links.
internal sealed class LinkKey
{
    const string Name = "download_links";
    byte[]? key;

    public LinkKey() { }

    /// A fixed key (tests that build the services by hand).
    public LinkKey(byte[] bytes) => key = bytes;

    public byte[] Bytes => key ?? throw new InvalidOperationException("LinkKey.LoadAsync runs at start-up, before requests.");

    public async Task LoadAsync(ReelgateDb db, long now, CancellationToken ct)
    {
        // First process to start writes it; the rest (and every later start) read the same value.
        await Sql.ExecuteAsync(db, ct, "INSERT INTO server_secrets (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING",
            ("name", Name), ("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), ("now", now));
        var value = (await Sql.QueryAsync<string>(db, ct, "SELECT value FROM server_secrets WHERE name = @name", new { name = Name })).Single();
        key = Convert.FromBase64String(value);
    }
}
