using System.Diagnostics;
using System.Runtime;
using Biobank.Benchmarks.Baselines;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static System.FormattableString;

namespace Biobank.Benchmarks;

/// <summary>
/// The reservation write path under load: one client booking in turn, many clients booking distinct
/// slots, an instrument with a long history against a fresh one, and many clients racing for one
/// slot. Every scenario books on instruments of its own, so scenarios never meet in a slot, and
/// each is compared with a baseline measured in the same run.
/// </summary>
public sealed class WritePathBenchmark(BenchmarkServer server, BenchmarkOptions options, TextWriter progress)
{
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Slots are counted in half hours from here: tomorrow, midnight UTC, well within notice and horizon.</summary>
    private readonly DateTimeOffset _origin = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    private readonly List<ScenarioResult> _results = [];

    /// <summary>What PostgreSQL executes for row 1's booking, per booking: everything the run did meanwhile, the server's own background work included.</summary>
    public IReadOnlyList<StatementCost> BookingStatements { get; private set; } = [];

    /// <summary>What PostgreSQL executes for row 1-honest's booking, per booking, the server's background work included.</summary>
    public IReadOnlyList<StatementCost> HonestStatements { get; private set; } = [];
    private readonly List<BookingRun> _freeSlotRuns = [];
    private readonly List<BookingRun> _baselineRuns = [];

    public async Task<(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<Check> Checks)> RunAsync(CancellationToken cancellationToken)
    {
        using var manager = server.ClientFor("marie.facility", "anses", Role.FacilityManager);
        // One connection per client; even-numbered technicians are Anses's own, the others Inserm's.
        var technicians = Enumerable.Range(0, new[] { options.ConcurrentClients, options.Racers, options.MixedClients }.Max())
            .Select(i => server.ClientFor(Invariant($"tech-{i:D2}"), i % 2 == 0 ? "anses" : "inserm", Role.Technician))
            .ToList();
        try
        {
            await WarmUpAsync(manager, technicians, cancellationToken);
            var single = await SingleClientAsync(manager, technicians[0], cancellationToken);
            var manyInstruments = await ConcurrentClientsAsync(manager, technicians, single, cancellationToken);
            var mixedChecks = await MixedLoadAsync(manager, technicians, manyInstruments, cancellationToken);
            await HistorySizeAsync(manager, technicians, cancellationToken);
            var checks = await ContentionAsync(manager, technicians, single, cancellationToken);
            await SingleClientAgainAsync(manager, technicians[0], single, cancellationToken);
            checks.Insert(0, FreeSlotsAllBooked());
            checks.InsertRange(1, mixedChecks);
            var bare = BookingRun.Merge(_baselineRuns);
            checks.Insert(1 + mixedChecks.Count, new Check("every booking of the bare gRPC baseline succeeded", bare.FailureCount == 0,
                Invariant($"{bare.Booked} booked, {bare.FailureCount} failed") + Outcomes(bare.Failures)));
            return (_results, checks);
        }
        finally
        {
            technicians.ForEach(t => t.Dispose());
        }
    }

    /// <summary>
    /// Compiles, connects and fills pools before anything is measured; nothing here is reported.
    /// The single client goes last, as scenario 1 follows in the same pattern. The round repeats
    /// until the JIT has settled (a round compiles next to nothing: the hot paths have reached their
    /// optimised tier), within the scenario budget, so that scenario 1 measures the server as it
    /// runs, not as it compiles.
    /// </summary>
    private async Task WarmUpAsync(BiobankClient manager, List<BiobankClient> technicians, CancellationToken cancellationToken)
    {
        const int EachAtOnce = 10;
        const long SettledCompilations = 25;
        progress.WriteLine($"warm-up: {EachAtOnce} bookings by each of {technicians.Count} clients at once, then {options.WarmUpBookings} by one, until the JIT has settled");
        var warming = Stopwatch.StartNew();
        var round = 0;
        long compiled;
        do
        {
            compiled = JitInfo.GetCompiledMethodCount();
            var equipment = await RegisterAsync(manager, $"warm-up {++round}", cancellationToken);
            await BookAsync(technicians, EachAtOnce, (c, j) => Booking(equipment, (j * technicians.Count) + c), cancellationToken);
            await BookAsync([technicians[0]], options.WarmUpBookings, (_, j) => Booking(equipment, (EachAtOnce * technicians.Count) + j), cancellationToken);
        }
        while (JitInfo.GetCompiledMethodCount() - compiled > SettledCompilations && warming.Elapsed < options.ScenarioBudget);

        progress.WriteLine(Invariant($"   {round} warm-up rounds in {warming.Elapsed.TotalSeconds:N0} s; the last compiled {JitInfo.GetCompiledMethodCount() - compiled} methods"));
    }

    /// <summary>
    /// Scenario 1, the baseline of the others: one client books back-to-back slots of a fresh
    /// instrument, one call at a time; then the same count of bookings without Biobank, as plain SQL,
    /// as the honest minimum, and as the honest minimum behind a bare gRPC method.
    /// </summary>
    private async Task<BookingRun> SingleClientAsync(BiobankClient manager, BiobankClient technician, CancellationToken cancellationToken)
    {
        progress.WriteLine($"1: one client books {options.SingleClientBookings} slots in turn");
        var equipment = await RegisterAsync(manager, "single client", cancellationToken);
        var run = await BookAsync([technician], options.SingleClientBookings, (_, j) => Booking(equipment, j), cancellationToken);
        var baselines = await BaselinesAsync("1", [technician], options.SingleClientBookings, cancellationToken);
        await ProfileStatementsAsync(manager, technician, cancellationToken);

        // The target: the honest minimum twice, plus what a bare gRPC call adds to it.
        var target = (2 * baselines.Honest.Summary.P50) + (baselines.BareGrpc.Summary.P50 - baselines.Honest.Summary.P50);
        var ratios = new Dictionary<string, double>
        {
            ["p50_vs_plain_sql"] = run.Summary.P50 / baselines.Plain.Summary.P50,
            ["p50_vs_honest_minimum"] = run.Summary.P50 / baselines.Honest.Summary.P50,
            ["p50_vs_bare_grpc_honest_minimum"] = run.Summary.P50 / baselines.BareGrpc.Summary.P50,
            ["p50_vs_target"] = run.Summary.P50 / target,
        };
        Report(
            "1", "one client, fresh instrument", run,
            Invariant($"baseline; p50 ×{ratios["p50_vs_honest_minimum"]:F1} of 1-honest, ×{ratios["p50_vs_bare_grpc_honest_minimum"]:F1} of 1-grpc, ") +
            Invariant($"×{ratios["p50_vs_target"]:F2} of the target (2 × 1-honest + a bare gRPC call, {target:F2} ms)"),
            ratios);
        ReportBaselines(baselines, run);
        return run;
    }

    /// <summary>
    /// The baseline once more, last: how far it moved during the run says how far the machine (shared,
    /// or still warming up) moved under the ratios measured in between.
    /// </summary>
    private async Task SingleClientAgainAsync(BiobankClient manager, BiobankClient technician, BookingRun single, CancellationToken cancellationToken)
    {
        progress.WriteLine($"1 again: one client books {options.SingleClientBookings} slots in turn");
        var equipment = await RegisterAsync(manager, "single client, at the end", cancellationToken);
        var run = await BookAsync([technician], options.SingleClientBookings, (_, j) => Booking(equipment, j), cancellationToken);
        var ratios = new Dictionary<string, double>
        {
            ["throughput_vs_single_client"] = run.Throughput / single.Throughput,
            ["p50_vs_single_client"] = run.Summary.P50 / single.Summary.P50,
        };
        Report(
            "1-end", "one client, fresh instrument, again at the end", run,
            Invariant($"p50 ×{ratios["p50_vs_single_client"]:F2} of 1: the drift of the machine during the run"), ratios);
    }

    /// <summary>
    /// Scenario 2: the same bookings from many clients at once, on one instrument and on one
    /// instrument each, and the baselines with as many connections.
    /// </summary>
    private async Task<BookingRun> ConcurrentClientsAsync(
        BiobankClient manager, List<BiobankClient> technicians, BookingRun single, CancellationToken cancellationToken)
    {
        var clients = technicians.Take(options.ConcurrentClients).ToList();
        var perClient = options.BookingsPerConcurrentClient;

        progress.WriteLine($"2a: {clients.Count} clients book {perClient} distinct slots each of one instrument");
        var shared = await RegisterAsync(manager, "shared by concurrent clients", cancellationToken);
        var oneInstrument = await BookAsync(clients, perClient, (c, j) => Booking(shared, (j * clients.Count) + c), cancellationToken);

        progress.WriteLine($"2b: {clients.Count} clients book {perClient} slots each of an instrument of their own");
        var own = new List<string>();
        for (var c = 0; c < clients.Count; c++)
        {
            own.Add(await RegisterAsync(manager, Invariant($"own instrument {c}"), cancellationToken));
        }

        var ownInstruments = await BookAsync(clients, perClient, (c, j) => Booking(own[c], j), cancellationToken);
        var baselines = await BaselinesAsync("2b", clients, perClient, cancellationToken);

        ReportAgainstSingleClient("2a", $"{clients.Count} clients, one instrument", oneInstrument, single, new()
        {
            ["throughput_vs_many_instruments"] = oneInstrument.Throughput / ownInstruments.Throughput,
        });
        ReportAgainstSingleClient("2b", $"{clients.Count} clients, {clients.Count} instruments", ownInstruments, single, new()
        {
            ["throughput_vs_plain_sql"] = ownInstruments.Throughput / baselines.Plain.Throughput,
            ["throughput_vs_honest_minimum"] = ownInstruments.Throughput / baselines.Honest.Throughput,
            ["throughput_vs_bare_grpc_honest_minimum"] = ownInstruments.Throughput / baselines.BareGrpc.Throughput,
        });
        ReportBaselines(baselines, ownInstruments);
        return ownInstruments;
    }

    /// <summary>
    /// Scenario 2c, a busy day: many clients over many instruments, where one request in ten asks
    /// for a slot its client has just booked (a second person after the same time, with a request
    /// of its own) and one in ten cancels that booking; the rest book free slots.
    /// </summary>
    private async Task<List<Check>> MixedLoadAsync(
        BiobankClient manager, List<BiobankClient> technicians, BookingRun manyInstruments, CancellationToken cancellationToken)
    {
        var clients = technicians.Take(options.MixedClients).ToList();
        var perClient = options.MixedOperationsPerClient;
        progress.WriteLine($"2c: registering {options.MixedInstruments} instruments");
        var instruments = new string[options.MixedInstruments];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, instruments.Length), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, token) => instruments[i] = await RegisterAsync(manager, Invariant($"busy day {i}"), token));

        progress.WriteLine($"2c: {clients.Count} clients make {perClient} requests each over {instruments.Length} instruments, 10% conflicting, 10% cancellations");
        var latest = new (CreateReservationRequest Request, string? Reservation)[clients.Count];
        var refused = 0;
        var conflictsBooked = 0;
        var run = await CallEachAsync(clients, perClient, (client, c, j) =>
        {
            switch (j % 10)
            {
                case 8 when latest[c].Request is { } taken:
                    var conflicting = Booking(taken.Reservation.Equipment, taken.Reservation.Interval.StartTime.ToDateTimeOffset(), HalfHour);
                    return async () =>
                    {
                        try
                        {
                            await client.Reservations.CreateReservationAsync(conflicting, cancellationToken: cancellationToken);
                            Interlocked.Increment(ref conflictsBooked);
                        }
                        catch (RpcException e) when (BookingRun.Kind(e) == SlotTaken)
                        {
                            Interlocked.Increment(ref refused);
                        }
                    };
                case 9 when latest[c].Reservation is { } booked:
                    var cancellation = new CancelReservationRequest
                    {
                        RequestId = BiobankClient.NewRequestId(), Name = booked, Reason = "Organoids not ready",
                    };
                    return () => client.Reservations.CancelReservationAsync(cancellation, cancellationToken: cancellationToken).ResponseAsync;
                case 8 or 9:
                    return null;
                default:
                    var index = (j * clients.Count) + c;
                    var booking = Booking(instruments[index % instruments.Length], index / instruments.Length);
                    return async () => latest[c] = (booking, (await client.Reservations.CreateReservationAsync(booking, cancellationToken: cancellationToken)).Name);
            }
        }, cancellationToken);
        var baselines = await BaselinesAsync("2c", clients, perClient, cancellationToken);

        var ratios = new Dictionary<string, double>
        {
            ["throughput_vs_many_instruments"] = run.Throughput / manyInstruments.Throughput,
            ["throughput_vs_honest_minimum"] = run.Throughput / baselines.Honest.Throughput,
            ["throughput_vs_bare_grpc_honest_minimum"] = run.Throughput / baselines.BareGrpc.Throughput,
        };
        _results.Add(ScenarioResult.Of(
            "2c", Invariant($"{clients.Count} clients, {instruments.Length} instruments, 10% conflicting, 10% cancellations"), run,
            Invariant($"throughput ×{ratios["throughput_vs_many_instruments"]:F2} of 2b, ×{ratios["throughput_vs_honest_minimum"]:F2} of 2c-honest, ×{ratios["throughput_vs_bare_grpc_honest_minimum"]:F2} of 2c-grpc"),
            ratios, unit: "requests"));
        ReportBaselines(baselines, run);

        var conflicts = clients.Count * Enumerable.Range(0, perClient).Count(j => j % 10 == 8);
        var attempted = refused + conflictsBooked;
        return
        [
            new Check("every request of the busy day but the conflicting ones succeeded", run.FailureCount == 0,
                Invariant($"{run.Booked} requests answered as expected, {run.FailureCount} failed") + Outcomes(run.Failures)),
            new Check("every conflicting request of the busy day was told the slot is taken", conflictsBooked == 0 && (attempted == conflicts || run.StoppedByBudget),
                Invariant($"{refused} of {attempted} conflicting requests got {SlotTaken}, {conflictsBooked} booked")),
        ];
    }

    private sealed record Baselines(string Scenario, int Connections, BookingRun Plain, BookingRun Honest, BookingRun BareGrpc);

    /// <summary>
    /// The bookings of a scenario done without Biobank on the same PostgreSQL, with as many
    /// connections as it has clients: plain SQL, the honest minimum, and the honest minimum behind
    /// a bare gRPC method called by the same clients.
    /// </summary>
    /// <summary>
    /// What PostgreSQL executes for row 1's booking and for the honest minimum, each counted over
    /// bookings of its own (counting slows every statement, so no measured row runs under it).
    /// </summary>
    private async Task ProfileStatementsAsync(BiobankClient manager, BiobankClient technician, CancellationToken cancellationToken)
    {
        var count = Math.Min(options.SingleClientBookings, ProfiledBookings);
        progress.WriteLine($"1: where a booking's database time goes, over {count} more bookings and {count} of the honest minimum");
        var statements = new StatementStatistics(server.ConnectionString);
        var equipment = await RegisterAsync(manager, "statement profile", cancellationToken);
        BookingStatements = await statements.ProfileAsync(
            async () => (await BookAsync([technician], count, (_, j) => Booking(equipment, j), cancellationToken)).Booked, cancellationToken);
        HonestStatements = await statements.ProfileAsync(
            async () => (await new BookingBaselines(server.ConnectionString, options).HonestAsync(1, count, cancellationToken)).Booked, cancellationToken);
    }

    private const int ProfiledBookings = 300;

    private async Task<Baselines> BaselinesAsync(string scenario, List<BiobankClient> clients, int perClient, CancellationToken cancellationToken)
    {
        progress.WriteLine($"{scenario} baselines: plain SQL, the honest minimum, and the honest minimum behind a bare gRPC method, {clients.Count} at once");
        var baselines = new BookingBaselines(server.ConnectionString, options);
        await baselines.CreateSchemaAsync(cancellationToken);
        var plain = await baselines.PlainAsync(clients.Count, perClient, cancellationToken);
        var honest = await baselines.HonestAsync(clients.Count, perClient, cancellationToken);
        var bare = await CallEachAsync(clients, perClient, (client, c, j) =>
        {
            var request = new BookRequest { Instrument = 1 + (((j * clients.Count) + c) % BookingBaselines.Instruments) };
            return () => new HonestBookingService.HonestBookingServiceClient(client.Channel).BookAsync(request, cancellationToken: cancellationToken).ResponseAsync;
        }, cancellationToken);
        _baselineRuns.Add(bare);
        return new Baselines(scenario, clients.Count, plain, honest, bare);
    }

    /// <summary>The baselines' rows, each against the scenario's own run: how many times faster than Biobank the baseline is.</summary>
    private void ReportBaselines(Baselines baselines, BookingRun ours)
    {
        foreach (var (suffix, what, run) in new[]
        {
            ("sql", "plain SQL: one autocommit insert", baselines.Plain),
            ("honest", "the honest minimum: request log, reservation, event, one transaction", baselines.Honest),
            ("grpc", "the honest minimum behind a bare gRPC method", baselines.BareGrpc),
        })
        {
            var ratios = new Dictionary<string, double>
            {
                ["throughput_vs_ours"] = run.Throughput / ours.Throughput,
                ["p50_vs_ours"] = run.Summary.P50 / ours.Summary.P50,
            };
            Report(
                $"{baselines.Scenario}-{suffix}", Invariant($"{what}, {baselines.Connections} at once (baseline)"), run,
                Invariant($"baseline of {baselines.Scenario}: throughput ×{ratios["throughput_vs_ours"]:F2}, p50 ×{ratios["p50_vs_ours"]:F2} of {baselines.Scenario}"),
                ratios);
        }
    }

    /// <summary>
    /// Scenario 3: what is loaded to decide a booking must not grow with the instrument's history.
    /// One instrument is filled with reservations on the hour; then one client books the free half
    /// hours between them, alternating each call with the same half hour of a fresh instrument, so
    /// both see the same machine at the same moments.
    /// </summary>
    private async Task HistorySizeAsync(BiobankClient manager, List<BiobankClient> technicians, CancellationToken cancellationToken)
    {
        var clients = technicians.Take(options.ConcurrentClients).ToList();
        var historic = await RegisterAsync(manager, "long history", cancellationToken);
        var fresh = await RegisterAsync(manager, "fresh, beside the long history", cancellationToken);

        progress.WriteLine($"3: {clients.Count} clients fill an instrument's history with {options.HistorySize} reservations");
        var perClient = (options.HistorySize + clients.Count - 1) / clients.Count;
        CreateReservationRequest? Historic(int client, int turn)
        {
            var k = (turn * clients.Count) + client;
            return k < options.HistorySize ? Booking(historic, 2 * k) : null;
        }

        // Filling is set-up, not a measurement, so it may take twice a scenario's budget.
        var seeding = await BookAsync(clients, perClient, Historic, cancellationToken, options.ScenarioBudget * 2);
        Report("3-seed", $"{clients.Count} clients fill the history (set-up)", seeding, "set-up of 3; compare with 2a");
        var history = seeding.Booked;

        progress.WriteLine($"3: one client books {options.HistoryBookings} free slots of each, alternating");
        var onFresh = new BookingRun();
        var onHistoric = new BookingRun();
        var client = technicians[0];
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < options.HistoryBookings; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (budget.Elapsed > options.ScenarioBudget)
            {
                onFresh.StoppedByBudget = onHistoric.StoppedByBudget = true;
                break;
            }

            // The free half hour after the k-th historic reservation, k spread over the whole history.
            var slot = (2 * (int)((long)i * history / options.HistoryBookings)) + 1;
            // Which instrument goes first alternates too, so neither always follows the other.
            var (first, firstRun, second, secondRun) = i % 2 == 0 ? (fresh, onFresh, historic, onHistoric) : (historic, onHistoric, fresh, onFresh);
            await BookOnceAsync(client, Booking(first, slot), firstRun, cancellationToken);
            await BookOnceAsync(client, Booking(second, slot), secondRun, cancellationToken);
        }

        // The calls alternate, so each side's time is the sum of its own calls.
        onFresh.Elapsed = TimeSpan.FromMilliseconds(onFresh.Latencies.Sum());
        onHistoric.Elapsed = TimeSpan.FromMilliseconds(onHistoric.Latencies.Sum());
        _freeSlotRuns.AddRange([onFresh, onHistoric]);
        Report("3a", "one client, fresh instrument (alternating with 3b)", onFresh, "baseline of 3");
        var freshLatency = onFresh.Summary;
        var historicLatency = onHistoric.Summary;
        var ratios = new Dictionary<string, double>
        {
            ["p50_vs_fresh"] = historicLatency.P50 / freshLatency.P50,
            ["p99_vs_fresh"] = historicLatency.P99 / freshLatency.P99,
        };
        Report(
            "3b", Invariant($"one client, instrument with {history:N0} reservations"), onHistoric,
            Invariant($"p50 ×{ratios["p50_vs_fresh"]:F2}, p99 ×{ratios["p99_vs_fresh"]:F2} of 3a (target ≈1)"), ratios);
    }

    /// <summary>
    /// Scenario 4: many clients race for overlapping slots of one instrument, round after round.
    /// Exactly one must win each round and every other must be told the slot is taken.
    /// </summary>
    private async Task<List<Check>> ContentionAsync(
        BiobankClient manager, List<BiobankClient> technicians, BookingRun single, CancellationToken cancellationToken)
    {
        var racers = technicians.Take(options.Racers).ToList();
        progress.WriteLine($"4: {racers.Count} clients race for one slot, {options.RaceRounds} rounds");
        var equipment = await RegisterAsync(manager, "contended", cancellationToken);
        var rounds = new List<double>();
        var roundsWithOneWinner = 0;
        var losers = 0;
        var otherOutcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var budget = Stopwatch.StartNew();
        var stoppedByBudget = false;
        for (var round = 0; round < options.RaceRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (budget.Elapsed > options.ScenarioBudget)
            {
                stoppedByBudget = true;
                break;
            }

            // Rounds are two hours apart; within a round every slot contains the same quarter hour.
            var start = _origin + (4 * round * HalfHour);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = racers
                .Select((racer, i) => RaceAsync(racer, Booking(equipment, start + TimeSpan.FromMinutes(15 * (i % 4)), Hour), gate.Task, cancellationToken))
                .ToList();
            var began = Stopwatch.GetTimestamp();
            gate.SetResult();
            var outcomes = await Task.WhenAll(attempts);
            rounds.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);

            roundsWithOneWinner += outcomes.Count(o => o is null) == 1 ? 1 : 0;
            foreach (var failure in outcomes.OfType<string>())
            {
                if (failure == SlotTaken)
                {
                    losers++;
                }
                else
                {
                    otherOutcomes[failure] = otherOutcomes.GetValueOrDefault(failure) + 1;
                }
            }
        }

        var roundLatency = LatencySummary.Of(rounds);
        var (bareRounds, bareStoppedByBudget) = await BareRoundsAsync(racers, rounds.Count, cancellationToken);
        var bareLatency = LatencySummary.Of(bareRounds);
        var ratios = new Dictionary<string, double>
        {
            ["round_p50_vs_single_client_p50"] = roundLatency.P50 / single.Summary.P50,
            ["round_p50_vs_bare_grpc_round_p50"] = roundLatency.P50 / bareLatency.P50,
        };
        ReportRounds(
            "4", Invariant($"{racers.Count} clients race for one slot (per round)"), rounds, otherOutcomes.Values.Sum(), stoppedByBudget,
            Invariant($"round p50 ×{ratios["round_p50_vs_single_client_p50"]:F2} of 1's p50, ×{ratios["round_p50_vs_bare_grpc_round_p50"]:F2} of 4-grpc's"),
            ratios);
        var bareRatios = new Dictionary<string, double>
        {
            ["round_p50_vs_ours"] = bareLatency.P50 / roundLatency.P50,
            ["round_p50_vs_single_client_p50"] = bareLatency.P50 / single.Summary.P50,
        };
        ReportRounds(
            "4-grpc", Invariant($"the honest minimum behind a bare gRPC method, {racers.Count} clients released at once, distinct slots (per round; baseline)"),
            bareRounds, 0, bareStoppedByBudget,
            Invariant($"baseline of 4: round p50 ×{bareRatios["round_p50_vs_ours"]:F2} of 4, ×{bareRatios["round_p50_vs_single_client_p50"]:F2} of 1's p50 (what {racers.Count} calls at once cost here, whatever the server decides)"),
            bareRatios);

        var expectedLosers = rounds.Count * (racers.Count - 1);
        return
        [
            new Check("exactly one client won each race", roundsWithOneWinner == rounds.Count,
                Invariant($"{roundsWithOneWinner} of {rounds.Count} rounds had one winner")),
            new Check("every other racer was told the slot is taken", losers == expectedLosers && otherOutcomes.Count == 0,
                Invariant($"{losers} of {expectedLosers} got {SlotTaken}") + Outcomes(otherOutcomes)),
            await OneReservationPerRoundAsync(manager, equipment, rounds.Count, cancellationToken),
        ];
    }

    private void ReportRounds(
        string id, string title, List<double> rounds, int failures, bool stoppedByBudget, string comparison, Dictionary<string, double> ratios)
    {
        var seconds = rounds.Sum() / 1000;
        _results.Add(new ScenarioResult(
            id, title, rounds.Count, "rounds", failures, seconds, seconds > 0 ? rounds.Count / seconds : 0, LatencySummary.Of(rounds),
            stoppedByBudget, comparison, ratios));
    }

    /// <summary>
    /// Baseline of scenario 4: the racers released at once in the same way, each calling the bare
    /// gRPC method that runs the honest minimum (distinct slots, nothing to lose): what that many
    /// concurrent calls cost on this machine, whatever the server decides.
    /// </summary>
    private async Task<(List<double> Rounds, bool StoppedByBudget)> BareRoundsAsync(
        List<BiobankClient> racers, int rounds, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var budget = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (budget.Elapsed > options.ScenarioBudget)
            {
                return (times, true);
            }

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var calls = racers.Select((racer, i) => BareCallAsync(
                racer, new BookRequest { Instrument = 1 + (((round * racers.Count) + i) % BookingBaselines.Instruments) }, gate.Task, cancellationToken)).ToList();
            var began = Stopwatch.GetTimestamp();
            gate.SetResult();
            await Task.WhenAll(calls);
            times.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }

        return (times, false);
    }

    private static async Task BareCallAsync(BiobankClient client, BookRequest request, Task start, CancellationToken cancellationToken)
    {
        await start;
        await new HonestBookingService.HonestBookingServiceClient(client.Channel).BookAsync(request, cancellationToken: cancellationToken);
    }

    private const string SlotTaken = "FailedPrecondition SLOT_UNAVAILABLE";

    /// <summary>Null when the racer won, otherwise what it was told.</summary>
    private static async Task<string?> RaceAsync(BiobankClient racer, CreateReservationRequest booking, Task start, CancellationToken cancellationToken)
    {
        await start;
        try
        {
            await racer.Reservations.CreateReservationAsync(booking, cancellationToken: cancellationToken);
            return null;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return BookingRun.Kind(e);
        }
    }

    /// <summary>What the server says is booked on the contended instrument: one reservation per round, none overlapping.</summary>
    private static async Task<Check> OneReservationPerRoundAsync(BiobankClient reader, string equipment, int rounds, CancellationToken cancellationToken)
    {
        var booked = new List<V1.Reservation>();
        var request = new ListReservationsRequest { Equipment = equipment, PageSize = 1000 };
        do
        {
            var page = await reader.Reservations.ListReservationsAsync(request, cancellationToken: cancellationToken);
            booked.AddRange(page.Reservations);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "" && booked.Count <= rounds);

        var inOrder = booked.OrderBy(r => r.Interval.StartTime.ToDateTimeOffset()).ToList();
        var overlapping = inOrder.Zip(inOrder.Skip(1))
            .Count(pair => pair.Second.Interval.StartTime.ToDateTimeOffset() < pair.First.Interval.EndTime.ToDateTimeOffset());
        return new Check(
            "the contended instrument holds one reservation per round, none overlapping",
            booked.Count == rounds && overlapping == 0,
            Invariant($"{booked.Count} reservations for {rounds} rounds, {overlapping} overlapping"));
    }

    private Check FreeSlotsAllBooked()
    {
        var all = BookingRun.Merge(_freeSlotRuns);
        return new Check(
            "every booking of a free slot succeeded", all.FailureCount == 0,
            Invariant($"{all.Booked} booked, {all.FailureCount} failed") + Outcomes(all.Failures));
    }

    private static string Outcomes(SortedDictionary<string, int> outcomes) =>
        outcomes.Count == 0 ? "" : " (" + string.Join(", ", outcomes.Select(o => Invariant($"{o.Value}× {o.Key}"))) + ")";

    /// <summary>
    /// Each client books its own sequence of slots in turn, all starting together, until its
    /// sequence ends (<paramref name="booking"/> gives null), its count is reached or the budget is spent.
    /// </summary>
    private async Task<BookingRun> BookAsync(
        IReadOnlyList<BiobankClient> clients, int perClient, Func<int, int, CreateReservationRequest?> booking,
        CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        var run = await CallEachAsync(
            clients, perClient,
            (client, c, j) => booking(c, j) is { } request ? () => client.Reservations.CreateReservationAsync(request, cancellationToken: cancellationToken).ResponseAsync : null,
            cancellationToken, budget);
        _freeSlotRuns.Add(run);
        return run;
    }

    private Task<BookingRun> CallEachAsync(
        IReadOnlyList<BiobankClient> clients, int perClient, Func<BiobankClient, int, int, Func<Task>?> call,
        CancellationToken cancellationToken, TimeSpan? budget = null) =>
        BookingRun.AllTogetherAsync(clients, perClient, budget ?? options.ScenarioBudget, call, cancellationToken);

    private static Task<bool> BookOnceAsync(BiobankClient client, CreateReservationRequest request, BookingRun run, CancellationToken cancellationToken) =>
        BookingRun.TimeAsync(() => client.Reservations.CreateReservationAsync(request, cancellationToken: cancellationToken).ResponseAsync, run, cancellationToken);

    private void Report(string id, string title, BookingRun run, string comparison, IReadOnlyDictionary<string, double>? ratios = null) =>
        _results.Add(ScenarioResult.Of(id, title, run, comparison, ratios));

    private void ReportAgainstSingleClient(string id, string title, BookingRun run, BookingRun single, Dictionary<string, double> others)
    {
        var ratios = new Dictionary<string, double>
        {
            ["throughput_vs_single_client"] = run.Throughput / single.Throughput,
            ["p50_vs_single_client"] = run.Summary.P50 / single.Summary.P50,
        };
        var comparison = Invariant($"throughput ×{ratios["throughput_vs_single_client"]:F2}, p50 ×{ratios["p50_vs_single_client"]:F2} of 1");
        foreach (var (name, ratio) in others)
        {
            ratios[name] = ratio;
            comparison += Invariant($"; {name.Replace('_', ' ')} ×{ratio:F2}");
        }

        Report(id, title, run, comparison, ratios);
    }

    /// <summary>The <paramref name="slot"/>-th half hour after the origin.</summary>
    private CreateReservationRequest Booking(string equipment, int slot) => Booking(equipment, _origin + (slot * HalfHour), HalfHour);

    internal static CreateReservationRequest Booking(string equipment, DateTimeOffset start, TimeSpan length) => new()
    {
        RequestId = BiobankClient.NewRequestId(),
        Reservation = new V1.Reservation
        {
            Equipment = equipment,
            Interval = new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(start), EndTime = Timestamp.FromDateTimeOffset(start + length) },
            Purpose = "Live imaging of infected organoids",
            Project = "AMR-2026",
        },
    };

    /// <summary>A confocal of Anses's, bookable two years ahead so that thousands of half hours fit.</summary>
    internal static async Task<string> RegisterAsync(BiobankClient manager, string use, CancellationToken cancellationToken)
    {
        var equipment = await manager.Equipment.RegisterEquipmentAsync(new RegisterEquipmentRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Equipment = new V1.Equipment
            {
                DisplayName = $"Zeiss LSM 980 confocal ({use})",
                Kind = EquipmentKind.ConfocalMicroscope,
                Site = "sites/anses-maisons-alfort",
                BookingRules = new BookingRules { BookingHorizon = Duration.FromTimeSpan(TimeSpan.FromDays(730)) },
            },
        }, cancellationToken: cancellationToken);
        return equipment.Name;
    }
}
