using System.Globalization;
using Biobank.Domain.Access;
using Biobank.Domain.Consents;
using Biobank.Domain.Failures;

namespace Biobank.Domain.Samples;

/// <summary>Commands on a sample and the rules that decide their events.</summary>
public static class SampleDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    /// <summary>The fields a primary sample is registered with; the handler has checked their form.</summary>
    public sealed record Register(
        Caller Caller, DateTimeOffset Now, string SampleId, string Barcode, string Collection, SourceKind SourceKind, string DonorPseudonym,
        string Species, MaterialType MaterialType, DateTimeOffset CollectionTime, Quantity Quantity, string ConsentReference,
        string SprecCode, Placement? Placement) : Command(Caller, Now);

    public sealed record Move(Caller Caller, DateTimeOffset Now, Placement To) : Command(Caller, Now);

    /// <summary>A new container made from a sample: its id, barcode, quantity and position.</summary>
    public sealed record Portion(string SampleId, string Barcode, Quantity Quantity, Placement? Placement);

    public sealed record Aliquot(Caller Caller, DateTimeOffset Now, IReadOnlyList<Portion> Portions) : Command(Caller, Now);

    /// <summary><paramref name="Taken"/> of the sample is processed into <paramref name="Portion"/> of <paramref name="MaterialType"/>.</summary>
    public sealed record Derive(Caller Caller, DateTimeOffset Now, Quantity Taken, MaterialType MaterialType, Portion Portion) : Command(Caller, Now);

    public sealed record Use(Caller Caller, DateTimeOffset Now, Quantity Consumed, string Purpose, string Project) : Command(Caller, Now);

    public sealed record CheckOut(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public sealed record CheckIn(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public sealed record PlaceHold(Caller Caller, DateTimeOffset Now, string HoldId, HoldKind Kind, string Reason) : Command(Caller, Now);

    public sealed record LiftHold(Caller Caller, DateTimeOffset Now, string HoldId, string Reason) : Command(Caller, Now);

    public sealed record Dispose(Caller Caller, DateTimeOffset Now, string Method, string Reason) : Command(Caller, Now);

    /// <summary>
    /// Allocates the sample to <paramref name="Project"/> until <paramref name="Until"/>. With
    /// <paramref name="DeclaredUses"/>, a human sample's <paramref name="Consent"/> must permit each.
    /// </summary>
    public sealed record Allocate(
        Caller Caller, DateTimeOffset Now, string AllocationId, string Project, DateTimeOffset Until,
        IReadOnlyList<PermittedUse> DeclaredUses, Consent? Consent) : Command(Caller, Now);

    public sealed record Release(Caller Caller, DateTimeOffset Now, string AllocationId, string Reason) : Command(Caller, Now);

    public static IReadOnlyList<object> Decide(Command command, Sample? state)
    {
        if (command is Register register)
        {
            return DecideRegister(register, state);
        }

        var sample = (state ?? throw new InvalidOperationException("The handler loads the sample before deciding.")).At(command.Now);
        RequireCustodian(command.Caller, sample);
        return command switch
        {
            Move c => DecideMove(c, sample),
            Aliquot c => DecideAliquot(c, sample),
            Derive c => DecideDerive(c, sample),
            Use c => DecideUse(c, sample),
            CheckOut c => DecideCheckOut(c, sample),
            CheckIn c => sample.CheckedOut ? [new SampleCheckedIn(sample.Id, c.Now)] : throw NotInState(sample, "The sample is not checked out."),
            PlaceHold c => sample.Disposed
                ? throw NotAvailable(sample)
                : [new SampleHoldPlaced(sample.Id, c.HoldId, c.Kind, c.Reason, c.Now)],
            LiftHold c => DecideLiftHold(c, sample),
            Dispose c => DecideDispose(c, sample),
            Allocate c => DecideAllocate(c, sample),
            Release c => sample.Allocation?.AllocationId == c.AllocationId
                ? [new SampleAllocationReleased(sample.Id, c.AllocationId, c.Reason, c.Now)]
                : [],
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>
    /// The first event of a container made from <paramref name="parent"/>: it inherits what the
    /// parent is and where it comes from, and takes its own barcode, quantity and position.
    /// </summary>
    public static IReadOnlyList<object> Offspring(
        Sample parent, Portion portion, MaterialType materialType, DateTimeOffset now, Sample? state) =>
        state is not null
            ? throw new ResourceAlreadyExistsException(portion.SampleId, $"Sample '{portion.SampleId}' already exists.")
            :
            [
                new SampleRegistered(
                    portion.SampleId, parent.Organisation, portion.Barcode, parent.Collection, parent.SourceKind, parent.DonorPseudonym,
                    parent.Species, materialType, parent.CollectionTime, portion.Quantity, parent.ConsentReference, parent.SprecCode,
                    portion.Placement, parent.Id, now),
            ];

    /// <summary>Only the custodian organisation's biobank managers, technicians and lab systems (or admins) act on its samples.</summary>
    public static void RequireCustodian(Caller caller, Sample sample)
    {
        caller.RequireAnyRole(Role.BiobankManager, Role.Technician, Role.LabSystem, Role.Admin);
        caller.RequireOrganisation(sample.Organisation);
    }

    /// <summary>In transit, on hold, depleted and disposed samples cannot be allocated, moved, split or used.</summary>
    public static void RequireUsable(Sample sample)
    {
        if (sample.State is SampleState.InTransit or SampleState.OnHold or SampleState.Depleted or SampleState.Disposed)
        {
            throw NotAvailable(sample);
        }
    }

    /// <summary>The API name of a state, e.g. "ON_HOLD", for error metadata.</summary>
    public static string StateName(SampleState state) => ApiName(state);

    /// <summary>The proto name of a domain enum value: "OnHold" is "ON_HOLD".</summary>
    private static string ApiName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : char.ToUpperInvariant(c).ToString()));

    /// <summary>Who may register samples for their organisation; checked before anything about the sample is looked up.</summary>
    public static void RequireRegistrar(Caller caller) =>
        caller.RequireAnyRole(Role.BiobankManager, Role.Technician, Role.LabSystem, Role.Admin);

    private static IReadOnlyList<object> DecideRegister(Register c, Sample? state)
    {
        RequireRegistrar(c.Caller);
        if (state is not null)
        {
            throw new ResourceAlreadyExistsException(c.SampleId, $"Sample '{c.SampleId}' already exists.");
        }

        return
        [
            new SampleRegistered(
                c.SampleId, c.Caller.Organisation, c.Barcode, c.Collection, c.SourceKind, c.DonorPseudonym, c.Species, c.MaterialType,
                c.CollectionTime, c.Quantity, c.ConsentReference, c.SprecCode, c.Placement, null, c.Now),
        ];
    }

    private static IReadOnlyList<object> DecideMove(Move c, Sample sample)
    {
        RequireUsable(sample);
        return sample.Placement is { } from && from.StorageUnit == c.To.StorageUnit && from.Position == c.To.Position
            ? []
            : [new SampleMoved(sample.Id, sample.Placement, c.To, c.Now)];
    }

    private static IReadOnlyList<object> DecideAliquot(Aliquot c, Sample sample)
    {
        RequireUnallocated(sample);
        foreach (var portion in c.Portions)
        {
            RequireUnit(sample, portion.Quantity);
        }

        var taken = new Quantity(c.Portions.Sum(p => p.Quantity.Value), sample.Quantity.Unit);
        return Take(sample, taken, () => [new SampleAliquoted(sample.Id, [.. c.Portions.Select(p => p.SampleId)], taken, c.Now)]);
    }

    private static IReadOnlyList<object> DecideDerive(Derive c, Sample sample)
    {
        RequireUnallocated(sample);
        return Take(sample, c.Taken, () => [new SampleDerived(sample.Id, c.Portion.SampleId, c.MaterialType, c.Taken, c.Now)]);
    }

    private static IReadOnlyList<object> DecideUse(Use c, Sample sample)
    {
        if (sample.Allocation is { } allocation && allocation.Project != c.Project)
        {
            throw AllocatedTo(sample, allocation.Project);
        }

        return Take(sample, c.Consumed, () => [new SampleUsed(sample.Id, c.Consumed, c.Purpose, c.Project, c.Now)]);
    }

    /// <summary>
    /// Splitting or deriving names no project, so an allocated sample's material stays whole for the
    /// project it is allocated to until the allocation is released or lapses.
    /// </summary>
    private static void RequireUnallocated(Sample sample)
    {
        if (sample.Allocation is { } allocation)
        {
            throw AllocatedTo(sample, allocation.Project);
        }
    }

    private static RuleViolationException AllocatedTo(Sample sample, string project) => new(
        ErrorReasons.SampleNotAvailable, $"The sample is allocated to project '{project}'.",
        new Dictionary<string, string> { ["name"] = sample.Id, ["state"] = StateName(sample.State), ["project"] = project });

    private static IReadOnlyList<object> DecideAllocate(Allocate c, Sample sample)
    {
        if (sample.Allocation?.AllocationId == c.AllocationId)
        {
            return [];
        }

        RequireUsable(sample);
        if (sample.State == SampleState.Allocated)
        {
            throw NotAvailable(sample);
        }

        if (sample.SourceKind == SourceKind.Human)
        {
            Consents.ConsentDecider.RequireNotWithdrawn(c.Consent);
        }

        var refused = sample.SourceKind == SourceKind.Human
            ? c.DeclaredUses.Where(use => c.Consent is null || !c.Consent.PermittedUses.Contains(use)).ToList()
            : [];
        if (refused.Count > 0)
        {
            throw new RuleViolationException(
                ErrorReasons.UseNotPermitted,
                c.Consent is null ? "No consent is recorded for the sample's donor." : $"The donor's consent does not permit {ApiName(refused[0])}.",
                new Dictionary<string, string> { ["name"] = sample.Id, ["use"] = ApiName(refused[0]) });
        }

        return [new SampleAllocated(sample.Id, c.AllocationId, c.Project, c.Until, c.Now)];
    }

    private static IReadOnlyList<object> DecideCheckOut(CheckOut c, Sample sample)
    {
        RequireUsable(sample);
        return sample.CheckedOut
            ? throw NotInState(sample, "The sample is already checked out.")
            : [new SampleCheckedOut(sample.Id, c.Now)];
    }

    private static IReadOnlyList<object> DecideLiftHold(LiftHold c, Sample sample)
    {
        c.Caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        return sample.Holds.Any(h => h.HoldId == c.HoldId)
            ? [new SampleHoldLifted(sample.Id, c.HoldId, c.Reason, c.Now)]
            : throw new ResourceNotFoundException($"{sample.Id}/holds/{c.HoldId}");
    }

    private static IReadOnlyList<object> DecideDispose(Dispose c, Sample sample)
    {
        c.Caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        if (sample.Disposed)
        {
            throw NotAvailable(sample);
        }

        // A legal hold preserves evidence: the material may not be destroyed while it stands.
        if (sample.Holds.FirstOrDefault(h => h.Kind == HoldKind.Legal) is { } legal)
        {
            throw new RuleViolationException(
                ErrorReasons.SampleNotAvailable, "The sample is under a legal hold and may not be destroyed.",
                new Dictionary<string, string> { ["name"] = sample.Id, ["state"] = StateName(sample.State), ["hold_id"] = legal.HoldId });
        }

        return [new SampleDisposed(sample.Id, c.Method, c.Reason, c.Now)];
    }

    /// <summary>Takes <paramref name="amount"/> out of a usable sample, never below zero, in its own unit.</summary>
    private static IReadOnlyList<object> Take(Sample sample, Quantity amount, Func<IReadOnlyList<object>> events)
    {
        RequireUsable(sample);
        RequireUnit(sample, amount);
        if (amount.Value > sample.Quantity.Value)
        {
            throw new RuleViolationException(
                ErrorReasons.InsufficientQuantity,
                $"The sample holds {sample.Quantity.Value} {Quantity.Symbol(sample.Quantity.Unit)}; {amount.Value} were asked for.",
                new Dictionary<string, string>
                {
                    ["name"] = sample.Id,
                    ["available"] = sample.Quantity.Value.ToString(CultureInfo.InvariantCulture),
                    ["requested"] = amount.Value.ToString(CultureInfo.InvariantCulture),
                });
        }

        return events();
    }

    private static void RequireUnit(Sample sample, Quantity amount)
    {
        if (amount.Unit != sample.Quantity.Unit)
        {
            throw new RuleViolationException(
                ErrorReasons.UnitMismatch, $"The sample is measured in {Quantity.Symbol(sample.Quantity.Unit)}.",
                new Dictionary<string, string>
                {
                    ["name"] = sample.Id,
                    ["unit"] = sample.Quantity.Unit.ToString().ToUpperInvariant(),
                    ["requested_unit"] = amount.Unit.ToString().ToUpperInvariant(),
                });
        }
    }

    private static RuleViolationException NotAvailable(Sample sample) => new(
        ErrorReasons.SampleNotAvailable, $"The sample is {StateName(sample.State)}.",
        new Dictionary<string, string> { ["name"] = sample.Id, ["state"] = StateName(sample.State) });

    private static RuleViolationException NotInState(Sample sample, string message) => new(
        ErrorReasons.InvalidStateTransition, message,
        new Dictionary<string, string> { ["name"] = sample.Id, ["state"] = StateName(sample.State) });
}
