using System.Text;
using System.Text.Json;

namespace Biobank.Cli.Session;

/// <summary>
/// What a bearer token says of itself, read without checking its signature (the server checks
/// that): enough to say "your token expired at 21:00" before a call fails.
/// </summary>
public sealed record TokenClaims(string? Subject, string? Organisation, DateTimeOffset? Expires)
{
    public static TokenClaims Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return new TokenClaims(null, null, null);
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var root = json.RootElement;
            return new TokenClaims(
                root.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null,
                root.TryGetProperty("org", out var org) && org.ValueKind == JsonValueKind.String ? org.GetString() : null,
                root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return new TokenClaims(null, null, null);
        }
    }
}
