namespace Biobank.Domain;

/// <summary>A half-open interval of time [Start, End), in UTC.</summary>
public readonly record struct Interval(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;

    public bool Overlaps(Interval other) => Start < other.End && other.Start < End;

    public bool Contains(DateTimeOffset instant) => Start <= instant && instant < End;

    /// <summary>The part of this interval inside <paramref name="window"/>; empty (zero duration) if none.</summary>
    public Interval ClipTo(Interval window)
    {
        var start = Start > window.Start ? Start : window.Start;
        var end = End < window.End ? End : window.End;
        return end > start ? new Interval(start, end) : new Interval(start, start);
    }

    public override string ToString() => $"[{Start:O}, {End:O})";
}
