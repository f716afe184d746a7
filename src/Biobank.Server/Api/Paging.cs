using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Biobank.Domain.Failures;

namespace Biobank.Server.Api;

/// <summary>
/// List paging per AIP-158: page sizes and opaque keyset page tokens. A token records which list
/// and filter it belongs to and the sort key of the last item returned, so pages stay stable while
/// others write.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>0 means the default; above the maximum is lowered to it; negative is invalid.</summary>
    public static int PageSize(int requested) => requested switch
    {
        < 0 => throw new InvalidRequestException("page_size", "must not be negative"),
        0 => DefaultPageSize,
        > MaxPageSize => MaxPageSize,
        _ => requested,
    };

    public static string Encode(string list, string filter, string lastKey) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new PageToken(list, FilterDigest(filter), lastKey)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Tokens carry a digest of the filters, not the filters: a token stays short however long they are.</summary>
    private static string FilterDigest(string filter) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(filter)), 0, 12);

    /// <summary>The last key of the previous page, or null for the first page.</summary>
    public static string? Decode(string token, string list, string filter)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var decoded = JsonSerializer.Deserialize<PageToken>(Convert.FromBase64String(base64));
            if (decoded is not null && decoded.List == list && decoded.Filter == FilterDigest(filter)
                && decoded.LastKey is { } lastKey && RequestShape.IsStorable(lastKey))
            {
                return decoded.LastKey;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            // Reported below.
        }

        throw InvalidToken();
    }

    /// <summary>INVALID_ARGUMENT, reason INVALID_PAGE_TOKEN: the token is corrupt or of another list or filter.</summary>
    public static InvalidRequestException InvalidToken() =>
        new([new FieldViolation("page_token", "is not a token of this list with these filters")], ErrorReasons.InvalidPageToken);

    /// <summary>One page of <paramref name="ordered"/> after the token's key, and the token of the next page.</summary>
    public static (IReadOnlyList<T> Items, string NextPageToken) Page<T>(
        IEnumerable<T> ordered, Func<T, string> key, int pageSize, string pageToken, string list, string filter)
    {
        var size = PageSize(pageSize);
        var after = Decode(pageToken, list, filter);
        var rest = after is null ? ordered : ordered.Where(item => string.CompareOrdinal(key(item), after) > 0);
        var page = rest.Take(size + 1).ToList();
        if (page.Count <= size)
        {
            return (page, "");
        }

        page.RemoveAt(size);
        return (page, Encode(list, filter, key(page[^1])));
    }

    private sealed record PageToken(string List, string Filter, string LastKey);
}
