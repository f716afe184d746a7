using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Biobank.Domain.Failures;
using Marten;

namespace Biobank.Server.Api;

/// <summary>What a List request asks for: its page size and token, and which list and filters the token must belong to.</summary>
public sealed record PageRequest(int PageSize, string PageToken, string List, string Filter)
{
    /// <summary>The filters a token is bound to, from the request's filter values.</summary>
    public static string FilterOf(params object?[] values) =>
        string.Join('|', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
}

/// <summary>One page of a list and the token of the next (empty on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken);

/// <summary>
/// List paging per AIP-158, the same for every List method: page sizes and opaque keyset page
/// tokens. A token records which list and filters it belongs to (as a digest) and the sort key of
/// the last item returned, so pages stay stable while others write.
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

    /// <summary>One page of a store query, in the keyset's order, after the token's key.</summary>
    public static async Task<Page<T>> PageAsync<T>(IQueryable<T> query, Keyset<T> keyset, PageRequest request, CancellationToken cancellationToken)
        where T : notnull
    {
        var size = PageSize(request.PageSize);
        var after = LastKey(request);
        List<T> rows = [.. await keyset.Order(after is null ? query : keyset.After(query, after)).Take(size + 1).ToListAsync(cancellationToken)];
        return Cut(rows, size, keyset.KeyOf, request);
    }

    /// <summary>One page of a list held in memory, by an id keyset.</summary>
    public static Page<T> Page<T>(IEnumerable<T> items, Keyset<T> keyset, PageRequest request)
    {
        var size = PageSize(request.PageSize);
        var after = LastKey(request);
        var rows = items
            .Where(item => after is null || string.CompareOrdinal(keyset.KeyOf(item), after) > 0)
            .OrderBy(keyset.KeyOf, StringComparer.Ordinal)
            .Take(size + 1)
            .ToList();
        return Cut(rows, size, keyset.KeyOf, request);
    }

    /// <summary>INVALID_ARGUMENT, reason INVALID_PAGE_TOKEN: the token is corrupt or of another list or filter.</summary>
    public static InvalidRequestException InvalidToken() =>
        new([new FieldViolation("page_token", "is not a token of this list with these filters")], ErrorReasons.InvalidPageToken);

    /// <summary>
    /// The page of <paramref name="size"/> items among <paramref name="rows"/>, read in the list's
    /// order after the token's key with one row more than the page, so a next page is known to exist.
    /// </summary>
    public static Page<T> Cut<T>(List<T> rows, int size, Func<T, string> keyOf, PageRequest request)
    {
        if (rows.Count <= size)
        {
            return new Page<T>(rows, "");
        }

        rows.RemoveAt(size);
        return new Page<T>(rows, Encode(request, keyOf(rows[^1])));
    }

    private static string Encode(PageRequest request, string lastKey) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new PageToken(request.List, FilterDigest(request.Filter), lastKey)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The last key of the previous page, or null for the first page.</summary>
    public static string? LastKey(PageRequest request)
    {
        if (string.IsNullOrEmpty(request.PageToken))
        {
            return null;
        }

        try
        {
            var base64 = request.PageToken.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var decoded = JsonSerializer.Deserialize<PageToken>(Convert.FromBase64String(base64));
            if (decoded is { LastKey: { } lastKey } && decoded.List == request.List && decoded.Filter == FilterDigest(request.Filter)
                && RequestShape.IsStorable(lastKey))
            {
                return lastKey;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            // Reported below.
        }

        throw InvalidToken();
    }

    /// <summary>Tokens carry a digest of the filters, not the filters: a token stays short however long they are.</summary>
    private static string FilterDigest(string filter) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(filter)), 0, 12);

    private sealed record PageToken(string List, string Filter, string LastKey);
}

/// <summary>
/// The order a list is paged in and how an item's key is written in a token: by name alone, or by
/// a time then the name (reservations, in the order of their start).
/// </summary>
public sealed class Keyset<T>
{
    private readonly Func<IQueryable<T>, IQueryable<T>> _order;
    private readonly Func<IQueryable<T>, string, IQueryable<T>> _after;

    internal Keyset(Func<T, string> keyOf, Func<IQueryable<T>, IQueryable<T>> order, Func<IQueryable<T>, string, IQueryable<T>> after)
    {
        KeyOf = keyOf;
        _order = order;
        _after = after;
    }

    public Func<T, string> KeyOf { get; }

    public IQueryable<T> Order(IQueryable<T> query) => _order(query);

    public IQueryable<T> After(IQueryable<T> query, string lastKey) => _after(query, lastKey);
}

/// <summary>The keysets lists are paged by.</summary>
public static class Keyset
{
    /// <summary>Items in the order of their name (ordinal, as PostgreSQL's C collation orders it).</summary>
    public static Keyset<T> ByName<T>(Expression<Func<T, string>> name)
    {
        var nameOf = name.Compile();
        return new Keyset<T>(
            nameOf,
            query => query.OrderBy(name),
            (query, last) => query.Where(Lambda<T>(GreaterThan(name.Body, last), name.Parameters[0])));
    }

    /// <summary>Items in the order of a time, then of their name among equal times.</summary>
    public static Keyset<T> ByTimeThenName<T>(Expression<Func<T, DateTimeOffset>> time, Expression<Func<T, string>> name)
    {
        var timeOf = time.Compile();
        var nameOf = name.Compile();
        var item = time.Parameters[0];
        var nameBody = new Rebind(name.Parameters[0], item).Visit(name.Body);
        return new Keyset<T>(
            x => $"{timeOf(x).UtcTicks.ToString(CultureInfo.InvariantCulture)}|{nameOf(x)}",
            query => query.OrderBy(time).ThenBy(name),
            (query, last) =>
            {
                var (at, lastName) = ParseTimeKey(last);
                var atValue = Expression.Constant(at);
                return query.Where(Lambda<T>(
                    Expression.OrElse(
                        Expression.GreaterThan(time.Body, atValue),
                        Expression.AndAlso(Expression.Equal(time.Body, atValue), GreaterThan(nameBody, lastName))),
                    item));
            });
    }

    /// <summary><c>name.CompareTo(last) &gt; 0</c>, which the store runs as an ordinal comparison.</summary>
    private static BinaryExpression GreaterThan(Expression name, string last) =>
        Expression.GreaterThan(
            Expression.Call(name, typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!, Expression.Constant(last)),
            Expression.Constant(0));

    private static Expression<Func<T, bool>> Lambda<T>(Expression body, ParameterExpression item) => Expression.Lambda<Func<T, bool>>(body, item);

    private static (DateTimeOffset At, string Name) ParseTimeKey(string key)
    {
        var parts = key.Split('|', 2);
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                : throw Paging.InvalidToken();
    }

    /// <summary>Puts one lambda's body on another's parameter, so two key selectors make one predicate.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
