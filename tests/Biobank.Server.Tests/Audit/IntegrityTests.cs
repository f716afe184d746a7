using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Npgsql;

namespace Biobank.Server.Tests.Audit;

public sealed class IntegrityTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task An_intact_history_verifies_and_every_event_is_chained_to_the_one_before_it()
    {
        using var auditor = server.Auditor();
        var sample = await MovedSampleAsync();

        var one = await auditor.Audit.VerifyIntegrityAsync(new VerifyIntegrityRequest { Resource = sample });
        var history = await auditor.Audit.ListResourceHistoryAsync(new ListResourceHistoryRequest { Resource = sample });
        var range = await auditor.Audit.VerifyIntegrityAsync(new VerifyIntegrityRequest
        {
            StartPosition = history.Events[1].Position, EndPosition = history.Events[1].Position,
        });

        one.BrokenLinks.ShouldBeEmpty();
        (one.EventsChecked, one.StreamsChecked).ShouldBe((3, 1));
        range.BrokenLinks.ShouldBeEmpty();
        range.EventsChecked.ShouldBe(1);
        history.Events.Select(e => e.Hash).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task The_events_cannot_be_updated_deleted_or_truncated()
    {
        var sample = await MovedSampleAsync();
        await using var connection = await OpenAsync();

        foreach (var statement in new[]
        {
            "update biobank.mt_events set data = data || '{\"Barcode\":\"FORGED\"}' where stream_id = $1",
            "delete from biobank.mt_events where stream_id = $1",
            "update biobank.event_chain set hash = '\\x00' where stream_id = $1",
            "truncate biobank.mt_events",
        })
        {
            var refused = await Should.ThrowAsync<PostgresException>(ExecuteAsync(connection, statement, sample));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, statement);
        }
    }

    [Fact]
    public async Task An_event_edited_by_the_tables_owner_is_reported_exactly_and_a_deleted_one_as_a_gap()
    {
        using var auditor = server.Auditor();
        var edited = await MovedSampleAsync();
        var deleted = await MovedSampleAsync();
        var editedHistory = (await auditor.Audit.ListResourceHistoryAsync(new ListResourceHistoryRequest { Resource = edited })).Events;
        var deletedHistory = (await auditor.Audit.ListResourceHistoryAsync(new ListResourceHistoryRequest { Resource = deleted })).Events;
        var intact = await auditor.Audit.VerifyIntegrityAsync(new VerifyIntegrityRequest());

        // The owner may switch the guards off; the chain still tells.
        await using (var connection = await OpenAsync())
        {
            await ExecuteAsync(connection, "alter table biobank.mt_events disable trigger events_append_only", null);
            await ExecuteAsync(connection,
                "update biobank.mt_events set data = jsonb_set(data, '{To,Position}', '\"H12\"') where stream_id = $1 and version = 2", edited);
            await ExecuteAsync(connection, "delete from biobank.mt_events where stream_id = $1 and version = 2", deleted);
            await ExecuteAsync(connection, "alter table biobank.mt_events enable trigger events_append_only", null);
        }

        var editedReport = await auditor.Audit.VerifyIntegrityAsync(new VerifyIntegrityRequest { Resource = edited });
        var deletedReport = await auditor.Audit.VerifyIntegrityAsync(new VerifyIntegrityRequest { Resource = deleted });
        var everything = await auditor.Audit.VerifyIntegrityAsync(new VerifyIntegrityRequest());

        intact.BrokenLinks.ShouldBeEmpty();
        intact.EventsChecked.ShouldBeGreaterThanOrEqualTo(6);
        var change = editedReport.BrokenLinks.Single();
        (change.Stream, change.Version, change.Position, change.Problem).ShouldBe((edited, 2L, editedHistory[1].Position, IntegrityProblem.ContentChanged));
        var gap = deletedReport.BrokenLinks.Single();
        (gap.Stream, gap.Version, gap.Position, gap.Problem).ShouldBe((deleted, 2L, deletedHistory[1].Position, IntegrityProblem.EventMissing));
        everything.BrokenLinks.Select(l => (l.Stream, l.Version)).ShouldBe([(edited, 2L), (deleted, 2L)], ignoreOrder: true);
    }

    [Fact]
    public async Task A_signed_checkpoint_is_given_again_for_its_position_until_the_history_before_it_is_rewritten()
    {
        using var auditor = server.Auditor();
        var sample = await MovedSampleAsync();
        var last = (await auditor.Audit.ListResourceHistoryAsync(new ListResourceHistoryRequest { Resource = sample })).Events[^1].Position;
        IntegrityCheckpoint? latest = null;
        await Eventually.TrueAsync(async () =>
        {
            latest = await auditor.Audit.GetIntegrityCheckpointAsync(new GetIntegrityCheckpointRequest());
            return latest.Position >= last;
        }, TimeSpan.FromSeconds(30), "the sample's events to be settled");
        var checkpoint = await auditor.Audit.GetIntegrityCheckpointAsync(new GetIntegrityCheckpointRequest { Position = last });

        await MovedSampleAsync();
        var again = await auditor.Audit.GetIntegrityCheckpointAsync(new GetIntegrityCheckpointRequest { Position = last });
        // The owner rewrites one link of the chain, asks again, then puts it back for the other tests.
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "alter table biobank.event_chain disable trigger event_chain_append_only", null);
        await ExecuteAsync(connection, "create temp table kept as select seq_id, hash from biobank.event_chain where stream_id = $1 and version = 3", sample);
        await ExecuteAsync(connection, "update biobank.event_chain set hash = sha256(hash) where stream_id = $1 and version = 3", sample);
        var rewritten = await auditor.Audit.GetIntegrityCheckpointAsync(new GetIntegrityCheckpointRequest { Position = last });
        await ExecuteAsync(connection, "update biobank.event_chain c set hash = k.hash from kept k where c.seq_id = k.seq_id", null);
        await ExecuteAsync(connection, "alter table biobank.event_chain enable trigger event_chain_append_only", null);
        var restored = await auditor.Audit.GetIntegrityCheckpointAsync(new GetIntegrityCheckpointRequest { Position = last });
        var beyond = await Should.ThrowAsync<Grpc.Core.RpcException>(
            auditor.Audit.GetIntegrityCheckpointAsync(new GetIntegrityCheckpointRequest { Position = long.MaxValue }).ResponseAsync);

        checkpoint.StreamCount.ShouldBeGreaterThanOrEqualTo(3);
        checkpoint.Digest.Length.ShouldBe(64);
        checkpoint.Signature.Length.ShouldBe(64);
        again.ShouldBe(checkpoint);
        rewritten.Digest.ShouldNotBe(checkpoint.Digest);
        rewritten.Signature.ShouldNotBe(checkpoint.Signature);
        restored.ShouldBe(checkpoint);
        beyond.FieldViolations().Single().Field.ShouldBe("position");
    }

    /// <summary>A sample registered, moved and checked out: three events in its stream.</summary>
    private async Task<string> MovedSampleAsync()
    {
        using var technician = server.AnsesTechnician();
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var sample = await technician.RegisterSampleAsync(Catalogue.Serum(position: box.At("A1")));
        await technician.Samples.MoveSampleAsync(new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, StoragePosition = box.At("B2") });
        await technician.Samples.CheckOutSampleAsync(new CheckOutSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name });
        return sample.Name;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string? stream)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (stream is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = stream });
        }

        await command.ExecuteNonQueryAsync();
    }
}
