using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace Biobank.Server.Tests.Api;

/// <summary>
/// Every request message of every RPC of every biobank.v1 service, found in the generated file
/// descriptors, is sent with hostile values in some of its fields (NUL and control characters,
/// invalid UTF-8, 1 MiB strings, malformed and foreign resource names, enums and numbers out of
/// range, timestamps and durations at and past the ends of their range, long lists, tampered page
/// tokens) by a caller holding every managing role. The server may refuse in any way but INTERNAL or
/// UNKNOWN, and a refused call stores nothing.
/// </summary>
/// <remarks>
/// Every failure is collected, not only the first, so one run surveys them all; each is reported
/// with the CsCheck seed of a request that shows it, and the report is also written to
/// hostile-input-report.txt beside the test binaries. Replay one request with
/// <c>HOSTILE_INPUT_REPLAY="biobank.v1.EquipmentService/RegisterEquipment@SEED"</c>. Tune with
/// <c>HOSTILE_INPUT_CASES</c> (requests per method; by default 8 plus 4 per field the request
/// sets) and <c>HOSTILE_INPUT_SECONDS</c> (time after which each remaining method gets 3 requests
/// only, default 70); <c>HOSTILE_INPUT_TRACE=1</c> writes every request's hostile values and the
/// answer to the test output.
/// </remarks>
public sealed class HostileInputTests(HostileInputTests.FaultLoggingServerFixture server, ITestOutputHelper output)
    : IClassFixture<HostileInputTests.FaultLoggingServerFixture>, IDisposable
{
    private const string Subject = "fuzz.admin";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StreamWait = TimeSpan.FromSeconds(1);
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private readonly Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);
    private readonly HashSet<string> _culprits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _statuses = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly bool _trace = Environment.GetEnvironmentVariable("HOSTILE_INPUT_TRACE") == "1";
    private int _calls;

    [Fact]
    public async Task Hostile_values_in_any_field_of_any_request_are_refused_without_a_fault_and_leave_nothing_stored()
    {
        var clock = Stopwatch.StartNew();
        using var powerful = new BiobankClient(server.Address, new BiobankClientOptions
        {
            MaxAttempts = 1,
            TokenProvider = _ => ValueTask.FromResult(server.TokenFor(new Caller(
                Subject, "anses", new HashSet<string>([Role.Admin, Role.FacilityManager, Role.BiobankManager, Role.Technician], StringComparer.Ordinal)))),
        });
        var invoker = powerful.Channel.CreateCallInvoker();
        await using var database = new NpgsqlConnection(server.ConnectionString);
        await database.OpenAsync();

        var methods = Services().SelectMany(s => s.Methods).ToList();
        methods.ShouldNotBeEmpty();
        await BuildWorldAsync(powerful, "0");
        (await FingerprintAsync(database)).Events.ShouldBeGreaterThan(0, "the fingerprint must see what the world's requests stored");
        var pages = await HarvestPageTokensAsync(invoker, methods);
        output.WriteLine($"{methods.Count} methods of {Services().Count} services; {pages.Count} page tokens; first world after {clock.Elapsed.TotalSeconds:F1} s.");

        var replay = Environment.GetEnvironmentVariable("HOSTILE_INPUT_REPLAY");
        int? casesPerMethod = int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_INPUT_CASES"), out var n) ? n : null;
        var budget = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_INPUT_SECONDS"), out var s) ? s : 70);
        var fuzzing = Stopwatch.StartNew();
        foreach (var (method, index) in methods.Select((m, i) => (m, i + 1)))
        {
            var path = $"{method.Service.FullName}/{method.Name}";
            string? seed = null;
            if (!string.IsNullOrEmpty(replay))
            {
                var at = replay.LastIndexOf('@');
                if (at < 0 || replay[..at] != path)
                {
                    continue;
                }

                seed = replay[(at + 1)..];
            }

            // Each method meets resources as they were made, not as the methods before it left them
            // (retired instruments, disposed samples, a withdrawn consent).
            var world = await BuildWorldAsync(powerful, index.ToString(CultureInfo.InvariantCulture));
            foreach (var (list, request, token) in pages)
            {
                world.PageTokens[list] = token;
                world.AddRequest(request);
            }

            // 8 requests, and 4 more per field the request sets (1 per field it leaves unset): from 8
            // for GetCallerIdentity to some 70 for AliquotSample, about 1,500 in all.
            var gen = new HostileRequestGen(method, world);
            var iterations = seed is not null ? 1
                : fuzzing.Elapsed >= budget ? 3
                : casesPerMethod ?? (int)Math.Min(100, 8 + Math.Round(4 * gen.FieldWeight()));
            await gen.SampleAsync(
                request => ExerciseAsync(invoker, database, request, seed is not null),
                seed: seed, iter: iterations, threads: 1);
        }

        output.WriteLine($"{_calls} calls in {fuzzing.Elapsed.TotalSeconds:F1} s (whole test {clock.Elapsed.TotalSeconds:F1} s).");
        foreach (var (method, statuses) in _statuses)
        {
            output.WriteLine($"  {method}: {string.Join(", ", statuses.OrderByDescending(x => x.Value).Select(x => $"{x.Key} {x.Value}"))}");
        }

        var report = Report(clock.Elapsed);
        output.WriteLine(report);
        var reportFile = Path.Combine(AppContext.BaseDirectory, "hostile-input-report.txt");
        await File.WriteAllTextAsync(reportFile, report);
        if (_findings.Count > 0)
        {
            Assert.Fail($"{report}\n(also written to {reportFile})");
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>Every service of package biobank.v1, from the generated descriptors: a new RPC is covered without a change here.</summary>
    private static List<ServiceDescriptor> Services() =>
        typeof(CommonReflection).Assembly.GetTypes()
            .Where(t => t.Namespace == "Biobank.V1" && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null))
            .OfType<FileDescriptor>()
            .Where(f => f.Package == "biobank.v1")
            .SelectMany(f => f.Services)
            .DistinctBy(s => s.FullName)
            .OrderBy(s => s.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Sends one generated request; if the server faults or a refusal stored something, sends each of
    /// its hostile values alone to find which one did it (skipping values already known to do it).
    /// Never throws: CsCheck would then skip every later request that is not smaller.
    /// </summary>
    private async Task ExerciseAsync(CallInvoker invoker, NpgsqlConnection database, HostileRequest request, bool verbose)
    {
        await _oneAtATime.WaitAsync();
        try
        {
            var all = request.AllHostile;
            var first = await TryAsync(invoker, database, request, all, freshRequestIds: false);
            if (verbose)
            {
                output.WriteLine($"{request.Method.FullName} seed {request.Seed}: {first.Outcome.Summary} {string.Join("; ", first.Problems)}\n  {request.Describe(all)}");
            }
            else if (_trace)
            {
                var values = string.Join(" + ", request.Hostilities.Select(h => $"{h.Path} {h.Kind} {(h.Detail.Length > 60 ? h.Detail[..60] + "…" : h.Detail)}"));
                output.WriteLine($"{request.Method.Name} {values}: {first.Outcome.Code} {first.Outcome.Reason}");
            }

            if (first.Problems.Count == 0)
            {
                return;
            }

            if (request.Hostilities.Count <= 1)
            {
                Record(request, request.Hostilities, first);
                return;
            }

            var blamed = false;
            foreach (var hostility in request.Hostilities)
            {
                if (_culprits.Contains(CulpritKey(request.Method, [hostility])))
                {
                    blamed = true;
                    continue;
                }

                var alone = await TryAsync(invoker, database, request, new HashSet<int> { hostility.Id }, freshRequestIds: true);
                if (alone.Problems.Count > 0)
                {
                    Record(request, [hostility], alone);
                    blamed = true;
                }
            }

            if (!blamed)
            {
                Record(request, request.Hostilities, first);
            }
        }
        catch (Exception e)
        {
            // A fault of the test itself is reported as such, and the run goes on.
            Record(request, request.Hostilities, new Attempt(new Outcome(StatusCode.Unknown, "", "", false, []), [$"TEST ERROR {e.GetType().Name}: {e.Message}"], ""));
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<Attempt> TryAsync(CallInvoker invoker, NpgsqlConnection database, HostileRequest request, IReadOnlySet<int> active, bool freshRequestIds)
    {
        var (_, wire) = request.Build(active, freshRequestIds);
        var before = await FingerprintAsync(database);
        var outcome = await CallAsync(invoker, request.Method, wire);
        _calls++;
        var method = $"{request.Method.Service.Name}/{request.Method.Name}";
        if (!_statuses.TryGetValue(method, out var statuses))
        {
            _statuses[method] = statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        statuses[outcome.Code.ToString()] = statuses.GetValueOrDefault(outcome.Code.ToString()) + 1;

        var problems = new List<string>();
        if (outcome.Code is StatusCode.Internal or StatusCode.Unknown && !outcome.EndedByTest)
        {
            problems.Add(outcome.Code.ToString().ToUpperInvariant());
        }

        var refused = outcome.Code is not (StatusCode.OK or StatusCode.DeadlineExceeded or StatusCode.Cancelled) && !outcome.EndedByTest;
        if (refused)
        {
            var after = await FingerprintAsync(database);
            if (after != before)
            {
                problems.Add($"STORED BY A REFUSED CALL ({outcome.Code}: events {before.Events}→{after.Events}, streams {before.Streams}→{after.Streams}, " +
                    $"request log {before.Requests}→{after.Requests}; newest streams: {await NewestStreamsAsync(database, after.Streams - before.Streams)})");
            }
        }

        return new Attempt(outcome, problems, problems.Count > 0 ? request.Describe(active) : "");
    }

    private async Task<Outcome> CallAsync(CallInvoker invoker, MethodDescriptor method, byte[] request)
    {
        server.Faults.Clear();
        var type = method.IsClientStreaming
            ? method.IsServerStreaming ? MethodType.DuplexStreaming : MethodType.ClientStreaming
            : method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var grpcMethod = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        using var wait = new CancellationTokenSource(StreamWait);
        var options = new CallOptions(deadline: DateTime.UtcNow.Add(Deadline));
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(grpcMethod, null, options, request).ResponseAsync;
                    break;
                case MethodType.ServerStreaming:
                {
                    using var call = invoker.AsyncServerStreamingCall(grpcMethod, null, options, request);
                    await call.ResponseStream.MoveNext(wait.Token);
                    break;
                }

                case MethodType.ClientStreaming:
                {
                    using var call = invoker.AsyncClientStreamingCall(grpcMethod, null, options);
                    await call.RequestStream.WriteAsync(request);
                    await call.RequestStream.CompleteAsync();
                    await call.ResponseAsync;
                    break;
                }

                default:
                {
                    using var call = invoker.AsyncDuplexStreamingCall(grpcMethod, null, options);
                    await call.RequestStream.WriteAsync(request);
                    await call.RequestStream.CompleteAsync();
                    await call.ResponseStream.MoveNext(wait.Token);
                    break;
                }
            }

            return new Outcome(StatusCode.OK, "", "", false, []);
        }
        catch (RpcException e)
        {
            var endedByTest = e.StatusCode == StatusCode.Cancelled && wait.IsCancellationRequested;
            string reason;
            try
            {
                reason = e.Reason() ?? "";
            }
            catch (InvalidProtocolBufferException)
            {
                reason = "(unreadable status details)";
            }

            var faults = server.Faults.ToList();
            if (faults.Count == 0 && e.StatusCode is StatusCode.Internal or StatusCode.Unknown)
            {
                await Task.Delay(100);
                faults = server.Faults.ToList();
            }

            return new Outcome(e.StatusCode, e.Status.Detail, reason, endedByTest, faults);
        }
    }

    /// <summary>
    /// Counts of what a call can store. Marten's own "mt_tombstone" stream is left out: Marten writes
    /// it when an append fails, to mark the event sequence numbers the failed transaction used.
    /// </summary>
    private static async Task<Fingerprint> FingerprintAsync(NpgsqlConnection database)
    {
        await using var command = new NpgsqlCommand(
            """
            select (select count(*) from biobank.mt_events where stream_id <> 'mt_tombstone'),
                   (select coalesce(max(seq_id), 0) from biobank.mt_events where stream_id <> 'mt_tombstone'),
                   (select count(*) from biobank.mt_streams where id <> 'mt_tombstone'),
                   (select count(*) from biobank.request_log)
            """, database);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Fingerprint(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static async Task<string> NewestStreamsAsync(NpgsqlConnection database, long count)
    {
        await using var command = new NpgsqlCommand(
            "select id, coalesce(type, ''), version from biobank.mt_streams where id <> 'mt_tombstone' order by created desc limit $1", database);
        command.Parameters.Add(new NpgsqlParameter { Value = (int)Math.Clamp(count, 1, 5) });
        await using var reader = await command.ExecuteReaderAsync();
        var streams = new List<string>();
        while (await reader.ReadAsync())
        {
            streams.Add($"{reader.GetString(0)} (type '{reader.GetString(1)}', version {reader.GetInt64(2)})");
        }

        return string.Join(", ", streams);
    }

    private static string CulpritKey(MethodDescriptor method, IEnumerable<Hostility> hostilities) =>
        $"{method.FullName}|{string.Join(" + ", hostilities.Select(h => $"{h.Path} {h.Kind}"))}";

    private void Record(HostileRequest request, IReadOnlyList<Hostility> hostilities, Attempt attempt)
    {
        _culprits.Add(CulpritKey(request.Method, hostilities));
        var field = hostilities.Count == 0 ? "(no hostile value: a plausible request)" : string.Join(" + ", hostilities.Select(h => h.Path));
        var kind = hostilities.Count == 0 ? "plausible" : string.Join(" + ", hostilities.Select(h => h.Kind));
        var signature = attempt.Outcome.Faults.Count == 0
            ? "(no error logged by the server)"
            : string.Join(" | ", attempt.Outcome.Faults.Select(f => f.Signature).Distinct(StringComparer.Ordinal));
        foreach (var problem in attempt.Problems)
        {
            var cause = problem.StartsWith("STORED", StringComparison.Ordinal)
                ? $"STORED BY A REFUSED CALL ({attempt.Outcome.Code}) — {signature}"
                : $"{problem} — {signature}";
            var key = $"{cause}|{request.Method.FullName}|{field}|{kind}";
            if (_findings.TryGetValue(key, out var known))
            {
                known.Count++;
                continue;
            }

            _findings[key] = new Finding(
                cause, $"{request.Method.Service.Name}/{request.Method.Name}", field, kind,
                string.Join("; ", hostilities.Select(h => $"{h.Path} = {h.Detail}")), problem, attempt.Outcome, request.Seed, attempt.Request);
        }
    }

    /// <summary>The failures grouped by cause (status and where the server failed), each with the methods and fields that show it.</summary>
    private string Report(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        if (_findings.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"No fault and no write by a refused call in {_calls} calls ({elapsed.TotalSeconds:F0} s).");
            return text.ToString();
        }

        var causes = _findings.Values.GroupBy(f => f.Cause, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{causes.Count} causes of failure, shown by {_findings.Count} distinct method/field/value kinds, in {_calls} calls over {_statuses.Count} methods ({elapsed.TotalSeconds:F0} s).");
        text.AppendLine("Replay one request with HOSTILE_INPUT_REPLAY=\"<service>/<method>@<seed>\" (e.g. biobank.v1.EquipmentService/RegisterEquipment@SEED).");
        var number = 0;
        foreach (var cause in causes)
        {
            number++;
            var example = cause.First();
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{number}. {cause.Key}");
            foreach (var fault in example.Outcome.Faults.Take(2))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   server log: {fault.Description}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"   e.g. {example.Method} with {example.Detail}: {example.Outcome.Summary}");
            if (example.Problem.StartsWith("STORED", StringComparison.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"        {example.Problem}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"        seed {example.Seed}, request {example.Request}");
            text.AppendLine(CultureInfo.InvariantCulture, $"   shown by ({cause.Count()}):");
            foreach (var method in cause.GroupBy(f => f.Method, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"     {method.Key}: {string.Join("; ", method.OrderBy(f => f.Field, StringComparer.Ordinal).Select(f => $"{f.Field} {f.Kind} ({f.Count}×, seed {f.Seed})"))}");
            }
        }

        return text.ToString();
    }

    // ---- The resources requests can name, made through the public API ----

    /// <summary>
    /// Instruments of both organisations with a maintenance window, qualifications and bookings, a
    /// series, a freezer with a rack and a box, a consent, samples (one held, one allocated, one
    /// aliquoted, one derived), all new; <paramref name="generation"/> keeps its donor apart from
    /// earlier worlds'.
    /// </summary>
    private async Task<HostileWorld> BuildWorldAsync(BiobankClient anses, string generation)
    {
        var donor = $"DON-FZ-{generation}";
        var world = new HostileWorld();
        world.AddId("donor_pseudonym", donor);
        world.AddId("collection", "EPIDEMIO-AMR");
        world.Subjects.AddRange([Subject, "alice.tech", "bob.tech", "jean.facility"]);
        using var insermManager = server.InsermManager();

        async Task<TResponse?> Step<TRequest, TResponse>(TRequest request, Func<TRequest, AsyncUnaryCall<TResponse>> call)
            where TRequest : IMessage
            where TResponse : class
        {
            try
            {
                var response = await call(request).ResponseAsync;
                world.AddRequest(request);
                return response;
            }
            catch (RpcException e)
            {
                output.WriteLine($"setup: {request.Descriptor.Name} refused: {e.Status}");
                return null;
            }
        }

        void Names(params string?[] names)
        {
            foreach (var name in names.Where(n => !string.IsNullOrEmpty(n)))
            {
                world.AddName(name!);
            }
        }

        var organisations = await Step(new ListOrganisationsRequest(), r => anses.Directory.ListOrganisationsAsync(r));
        Names([.. organisations?.Organisations.Select(o => o.Name) ?? []]);
        var sites = await Step(new ListSitesRequest { Organisation = "organisations/anses" }, r => anses.Directory.ListSitesAsync(r));
        Names([.. sites?.Sites.Select(o => o.Name) ?? []]);

        var rules = new BookingRules { MinDuration = Duration.FromTimeSpan(TimeSpan.FromMinutes(15)), MaxDuration = Duration.FromTimeSpan(TimeSpan.FromHours(8)) };
        var confocal = await Step(
            new RegisterEquipmentRequest { RequestId = BiobankClient.NewRequestId(), Equipment = new Biobank.V1.Equipment { DisplayName = "Zeiss LSM 980 confocal", Kind = EquipmentKind.ConfocalMicroscope, Site = "sites/anses-maisons-alfort", BookingRules = rules } },
            r => anses.Equipment.RegisterEquipmentAsync(r));
        var sequencer = await Step(
            new RegisterEquipmentRequest { RequestId = BiobankClient.NewRequestId(), Equipment = new Biobank.V1.Equipment { DisplayName = "Illumina MiSeq", Kind = EquipmentKind.Sequencer, Site = "sites/anses-lyon" } },
            r => anses.Equipment.RegisterEquipmentAsync(r));
        var cytometer = await Step(
            new RegisterEquipmentRequest { RequestId = BiobankClient.NewRequestId(), Equipment = new Biobank.V1.Equipment { DisplayName = "BD FACSymphony", Kind = EquipmentKind.FlowCytometer, Site = "sites/anses-maisons-alfort" } },
            r => anses.Equipment.RegisterEquipmentAsync(r));
        var insermSorter = await Step(
            new RegisterEquipmentRequest { RequestId = BiobankClient.NewRequestId(), Equipment = new Biobank.V1.Equipment { DisplayName = "Cell sorter", Kind = EquipmentKind.CellSorter, Site = "sites/inserm-paris-cochin", BookingRules = new BookingRules { CrossOrganisationApproval = true } } },
            r => insermManager.Equipment.RegisterEquipmentAsync(r));
        Names(confocal?.Name, sequencer?.Name, cytometer?.Name, insermSorter?.Name);

        if (cytometer is not null)
        {
            await Step(
                new UpdateBookingRulesRequest { RequestId = BiobankClient.NewRequestId(), Name = cytometer.Name, BookingRules = new BookingRules { Buffer = Duration.FromTimeSpan(TimeSpan.FromMinutes(15)), NoShowGrace = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) } },
                r => anses.Equipment.UpdateBookingRulesAsync(r));
        }

        if (confocal is not null)
        {
            var maintenance = await Step(
                new ScheduleMaintenanceRequest { RequestId = BiobankClient.NewRequestId(), Name = confocal.Name, Interval = Catalogue.Slot(Catalogue.Ahead(45, 8), TimeSpan.FromHours(4)), Reason = "Laser alignment" },
                r => anses.Equipment.ScheduleMaintenanceAsync(r));
            if (maintenance is not null)
            {
                world.AddId("maintenance_id", maintenance.Maintenance.MaintenanceId);
            }

            var qualification = await Step(
                new GrantQualificationRequest { RequestId = BiobankClient.NewRequestId(), Qualification = new Qualification { Person = "alice.tech", PersonOrganisation = "organisations/anses", Equipment = confocal.Name } },
                r => anses.Equipment.GrantQualificationAsync(r));
            Names(qualification?.Name);
        }

        var kindQualification = await Step(
            new GrantQualificationRequest { RequestId = BiobankClient.NewRequestId(), Qualification = new Qualification { Person = "bob.tech", PersonOrganisation = "organisations/inserm", EquipmentKind = EquipmentKind.Sequencer, ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(200)) } },
            r => anses.Equipment.GrantQualificationAsync(r));
        Names(kindQualification?.Name);

        foreach (var (equipment, days) in new[] { (confocal, 3), (sequencer, 4), (insermSorter, 5) })
        {
            if (equipment is not null)
            {
                var booking = Catalogue.Booking(equipment.Name, Catalogue.Ahead(days, 9), TimeSpan.FromHours(2));
                Names((await Step(booking, r => anses.Reservations.CreateReservationAsync(r)))?.Name);
            }
        }

        if (sequencer is not null)
        {
            var series = await Step(
                new CreateReservationSeriesRequest
                {
                    RequestId = BiobankClient.NewRequestId(),
                    FirstOccurrence = new Reservation { Equipment = sequencer.Name, Interval = Catalogue.Slot(Catalogue.Ahead(6, 14), TimeSpan.FromHours(1)), Purpose = "Weekly run", Project = "AMR-2026" },
                    Recurrence = new Recurrence { Frequency = RecurrenceFrequency.Daily, Count = 3 },
                    ConflictMode = SeriesConflictMode.AllOrNothing,
                },
                r => anses.Reservations.CreateReservationSeriesAsync(r));
            Names(series?.Series);
            Names([.. series?.Reservations.Select(r => r.Name) ?? []]);
        }

        var freezer = await Step(
            new CreateStorageUnitRequest { RequestId = BiobankClient.NewRequestId(), StorageUnit = new StorageUnit { DisplayName = "Freezer F3 (room 112)", Kind = StorageUnitKind.Freezer, Site = "sites/anses-maisons-alfort", TemperatureBand = TemperatureBand.Minus80 } },
            r => anses.Storage.CreateStorageUnitAsync(r));
        Names(freezer?.Name);
        StorageUnit? box = null;
        if (freezer is not null)
        {
            var rack = await Step(
                new CreateStorageUnitRequest { RequestId = BiobankClient.NewRequestId(), StorageUnit = new StorageUnit { DisplayName = "Rack R1", Kind = StorageUnitKind.Rack, Parent = freezer.Name } },
                r => anses.Storage.CreateStorageUnitAsync(r));
            box = await Step(
                new CreateStorageUnitRequest { RequestId = BiobankClient.NewRequestId(), StorageUnit = new StorageUnit { DisplayName = "Box B1", Kind = StorageUnitKind.Box, Parent = rack?.Name ?? freezer.Name, Rows = 8, Columns = 12 } },
                r => anses.Storage.CreateStorageUnitAsync(r));
            Names(rack?.Name, box?.Name);
        }

        var consent = await Step(
            new RecordConsentRequest { RequestId = BiobankClient.NewRequestId(), Consent = new Consent { DonorPseudonym = donor, Collection = "EPIDEMIO-AMR", DocumentVersion = "v3.2-2025", PermittedUses = { PermittedUse.GeneralResearch, PermittedUse.GeneticResearch } } },
            r => anses.Consents.RecordConsentAsync(r));
        Names(consent?.Name);

        var samples = new List<Sample>();
        foreach (var position in new[] { "A1", "A2", "A3", "" })
        {
            var serum = Catalogue.Serum(donor, position: box is null || position.Length == 0 ? null : box.At(position));
            var sample = await Step(new RegisterSampleRequest { RequestId = BiobankClient.NewRequestId(), Sample = serum }, r => anses.Samples.RegisterSampleAsync(r));
            if (sample is not null)
            {
                samples.Add(sample);
                Names(sample.Name);
                world.AddId("barcode", sample.Barcode);
            }
        }

        var water = new Sample
        {
            Barcode = Catalogue.Barcode(), Collection = "ENV-SEINE", SourceKind = SourceKind.Environment, MaterialType = MaterialType.Water,
            CollectionTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-2)), Quantity = new Quantity { Value = 50, Unit = QuantityUnit.Millilitre },
        };
        Names((await Step(new RegisterSampleRequest { RequestId = BiobankClient.NewRequestId(), Sample = water }, r => anses.Samples.RegisterSampleAsync(r)))?.Name);

        if (samples.Count == 4)
        {
            var held = await Step(
                new PlaceHoldRequest { RequestId = BiobankClient.NewRequestId(), Name = samples[3].Name, Kind = HoldKind.Quality, Reason = "Temperature excursion" },
                r => anses.Samples.PlaceHoldAsync(r));
            foreach (var hold in held?.Holds ?? [])
            {
                world.AddId("hold_id", hold.HoldId);
            }

            var allocated = await Step(
                new AllocateSamplesRequest { RequestId = BiobankClient.NewRequestId(), Samples = { samples[2].Name }, Project = "AMR-2026", DeclaredUses = { PermittedUse.GeneralResearch }, ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(7)) },
                r => anses.Samples.AllocateSamplesAsync(r));
            if (allocated is not null)
            {
                world.AddId("allocation_id", allocated.AllocationId);
            }

            var aliquots = await Step(
                new AliquotSampleRequest
                {
                    RequestId = BiobankClient.NewRequestId(),
                    Name = samples[0].Name,
                    Aliquots =
                    {
                        new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.2, Unit = QuantityUnit.Millilitre }, StoragePosition = box?.At("B1") },
                        new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.2, Unit = QuantityUnit.Millilitre } },
                    },
                },
                r => anses.Samples.AliquotSampleAsync(r));
            Names([.. aliquots?.Aliquots.Select(a => a.Name) ?? []]);

            var derived = await Step(
                new DeriveSampleRequest
                {
                    RequestId = BiobankClient.NewRequestId(),
                    Name = samples[1].Name,
                    Taken = new Quantity { Value = 0.1, Unit = QuantityUnit.Millilitre },
                    MaterialType = MaterialType.Dna,
                    Derivative = new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 5, Unit = QuantityUnit.Microgram } },
                },
                r => anses.Samples.DeriveSampleAsync(r));
            Names(derived?.Derivative.Name);

            await Step(
                new RecordSampleUseRequest { RequestId = BiobankClient.NewRequestId(), Name = samples[0].Name, Quantity = new Quantity { Value = 0.1, Unit = QuantityUnit.Millilitre }, Purpose = "ELISA" },
                r => anses.Samples.RecordSampleUseAsync(r));
        }

        return world;
    }

    /// <summary>
    /// For every list method, a real next_page_token (asked with page_size 1 and no filter) and the
    /// request that continues with it: tampered tokens start from the first, and requests from the
    /// second, so that a token's list and filter match and its contents reach the query.
    /// </summary>
    private static async Task<List<(string Method, IMessage Request, string Token)>> HarvestPageTokensAsync(CallInvoker invoker, IEnumerable<MethodDescriptor> methods)
    {
        var pages = new List<(string, IMessage, string)>();
        foreach (var method in methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming))
        {
            var pageSize = method.InputType.FindFieldByName("page_size");
            var pageToken = method.InputType.FindFieldByName("page_token");
            var next = method.OutputType.FindFieldByName("next_page_token");
            if (pageSize is not { FieldType: FieldType.Int32 } || pageToken is not { FieldType: FieldType.String } || next is null)
            {
                continue;
            }

            var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
            pageSize.Accessor.SetValue(request, 1);
            var grpcMethod = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, Bytes, Bytes);
            try
            {
                var response = await invoker.AsyncUnaryCall(grpcMethod, null, new CallOptions(deadline: DateTime.UtcNow.Add(Deadline)), request.ToByteArray()).ResponseAsync;
                if (next.Accessor.GetValue(method.OutputType.Parser.ParseFrom(response)) is string { Length: > 0 } token)
                {
                    pageToken.Accessor.SetValue(request, token);
                    pages.Add((method.FullName, request, token));
                }
            }
            catch (RpcException)
            {
                // No token for this list: tampered tokens are then made from another list's.
            }
        }

        return pages;
    }

    /// <summary>A server that keeps its error logs for the test to read, and whose no-show sweep does not write during the test.</summary>
    public sealed class FaultLoggingServerFixture : BiobankServerFixture
    {
        public ConcurrentQueue<ServerFault> Faults { get; } = new();

        protected override void ConfigureServer(WebApplicationBuilder builder)
        {
            builder.Configuration["Reservations:NoShowSweepInterval"] = "1.00:00:00";
            builder.Logging.AddProvider(new FaultLog(Faults));
        }
    }

    private sealed class FaultLog(ConcurrentQueue<ServerFault> faults) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Category(categoryName, faults);

        public void Dispose()
        {
        }

        private sealed class Category(string name, ConcurrentQueue<ServerFault> faults) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    faults.Enqueue(new ServerFault(name, formatter(state, exception), exception));
                }
            }
        }
    }

    /// <summary>An error the server logged: who logged it, and the exception.</summary>
    public sealed record ServerFault(string Category, string Message, Exception? Exception)
    {
        /// <summary>The exception types from outermost to innermost.</summary>
        public string Types => Exception is null ? Category : string.Join(" > ", Chain(Exception).Select(e => e.GetType().FullName));

        /// <summary>
        /// What tells one fault from another: the exception types, PostgreSQL's error code, and the
        /// first frame in Biobank's own code (generated protobuf code left out, so that a request
        /// that cannot be parsed is one fault whatever its message).
        /// </summary>
        public string Signature
        {
            get
            {
                if (Exception is null)
                {
                    return Category;
                }

                var sqlState = Chain(Exception).OfType<PostgresException>().Select(p => $" {p.SqlState}").FirstOrDefault() ?? "";
                return $"{Types}{sqlState}{(OwnFrame is { } frame ? $" at {frame}" : "")}";
            }
        }

        private string? OwnFrame => Exception is null ? null : Chain(Exception)
            .SelectMany(e => (e.StackTrace ?? "").Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("at Biobank.", StringComparison.Ordinal) && !line.StartsWith("at Biobank.V1.", StringComparison.Ordinal))
            .Select(line => line[3..(line.IndexOf(" in ", StringComparison.Ordinal) is var at and > 0 ? at : line.Length)])
            .FirstOrDefault();

        public string Description
        {
            get
            {
                if (Exception is null)
                {
                    return $"{Category}: {Message}";
                }

                var message = Chain(Exception).Last().Message.ReplaceLineEndings(" ");
                return $"{Types}: {(message.Length > 240 ? message[..240] + "…" : message)} (logged by {Category})";
            }
        }

        private static IEnumerable<Exception> Chain(Exception exception)
        {
            for (Exception? e = exception; e is not null; e = e.InnerException)
            {
                yield return e;
            }
        }
    }

    private sealed record Fingerprint(long Events, long LastSequence, long Streams, long Requests);

    private sealed record Outcome(StatusCode Code, string Detail, string Reason, bool EndedByTest, IReadOnlyList<ServerFault> Faults)
    {
        public string Summary => Code == StatusCode.OK ? "OK"
            : EndedByTest ? "no message within the wait (cancelled by the test)"
            : $"{Code} {Reason} \"{(Detail.Length > 200 ? Detail[..200] + "…" : Detail)}\"";
    }

    private sealed record Attempt(Outcome Outcome, IReadOnlyList<string> Problems, string Request);

    private sealed record Finding(string Cause, string Method, string Field, string Kind, string Detail, string Problem, Outcome Outcome, string Seed, string Request)
    {
        public int Count { get; set; } = 1;
    }
}
