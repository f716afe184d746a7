using Biobank.Domain.Calendar;

namespace Biobank.Server.Calendar;

public sealed partial class EquipmentCalendar
{
    /// <summary>
    /// Entries of <paramref name="equipmentId"/> overlapping <paramref name="window"/>, in time order,
    /// with the buffer each slot ends with, so that a reservation's own time and the buffer after it
    /// can be told apart.
    /// </summary>
    public Task<IReadOnlyList<BufferedEntry>> WindowAsync(string equipmentId, Interval window, CancellationToken cancellationToken) =>
        ReadOverlappingAsync(equipmentId, window, [], cancellationToken);

    /// <summary>
    /// A calendar entry and the buffer that ends its slot: zero except for reservations of
    /// instruments whose rules keep one.
    /// </summary>
    public sealed record BufferedEntry(CalendarEntry Entry, TimeSpan Buffer)
    {
        /// <summary>The entry's own time: its slot without the buffer.</summary>
        /// <remarks>
        /// A reservation checked out early has its slot cut to the check-out plus the buffer, but
        /// never below its start, so the slot may be shorter than the buffer.
        /// </remarks>
        public Interval Busy
        {
            get
            {
                var slot = Entry.Slot;
                var end = slot.End - slot.Start > Buffer ? slot.End - Buffer : slot.Start;
                return new Interval(slot.Start, end);
            }
        }

        /// <summary>The buffer after <see cref="Busy"/>; empty when there is none.</summary>
        public Interval BufferTime => new(Busy.End, Entry.Slot.End);
    }
}
