namespace Biobank.Cli.CommandLine;

/// <summary>Reads a list page by page until it ends or <c>--limit</c> items are in.</summary>
public static class Paging
{
    public const int DefaultLimit = 100;

    public static async Task<IReadOnlyList<T>> CollectAsync<T>(Invocation run, int limit, Func<string, int, Task<(IEnumerable<T> Items, string NextPageToken)>> page)
    {
        var items = new List<T>();
        var token = "";
        do
        {
            var (batch, next) = await page(token, Math.Clamp(limit - items.Count + 1, 1, 1000));
            items.AddRange(batch);
            token = next;
        }
        while (token.Length > 0 && items.Count <= limit);

        if (items.Count > limit)
        {
            run.Remark($"Showing the first {limit}; --limit shows more.");
            return items.GetRange(0, limit);
        }

        return items;
    }

    public static System.CommandLine.Option<int> LimitOption() => new("--limit")
    {
        Description = "Show at most this many",
        DefaultValueFactory = _ => DefaultLimit,
        HelpName = "n",
    };
}
