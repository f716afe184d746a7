using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Biobank.Domain.Failures;
using Biobank.Server.Identity;
using Npgsql;
using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>
/// Signed checkpoints of the hash chain (<c>0010_event_chain.sql</c>): a digest over the head of
/// every stream's chain as of a position, signed with a key derived from the server's signing key.
/// Only settled positions are signed, below the daemon's high-water mark, under which no
/// transaction can still commit an event: the same position always gives the same digest unless
/// history before it was rewritten.
/// </summary>
public sealed class IntegrityCheckpoints(NpgsqlDataSource dataSource, byte[] key)
{
    /// <summary>Keys checkpoints with the server's signing key, kept apart from its tokens by derivation.</summary>
    public static IntegrityCheckpoints For(NpgsqlDataSource dataSource, string dataDirectory) =>
        new(dataSource, HMACSHA256.HashData(LocalSigningKey.Load(dataDirectory).Key, "biobank.v1.IntegrityCheckpoint"u8));

    /// <summary>The checkpoint of the history up to <paramref name="position"/> (0: the latest settled one).</summary>
    public async Task<V1.IntegrityCheckpoint> GetAsync(long position, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            with settled as (
                select coalesce(max(last_seq_id), 0) as position from biobank.mt_event_progression where name = 'HighWaterMark'
            ),
            heads as (
                select distinct on (c.stream_id) c.stream_id, c.hash
                from biobank.event_chain c, settled
                where c.seq_id <= (case when $1 = 0 then settled.position else $1 end)
                order by c.stream_id, c.version desc, c.seq_id desc
            )
            select settled.position, (select count(*) from heads),
                   encode(sha256(coalesce((select string_agg(convert_to(stream_id, 'UTF8') || '\x00'::bytea || hash, ''::bytea order by stream_id) from heads), ''::bytea)), 'hex')
            from settled
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var settled = reader.GetInt64(0);
        if (position > settled)
        {
            throw new InvalidRequestException("position", $"must be at most {settled}, the latest position below which every transaction has ended");
        }

        var checkpoint = new V1.IntegrityCheckpoint
        {
            Position = position == 0 ? settled : position,
            StreamCount = reader.GetInt64(1),
            Digest = reader.GetString(2),
        };
        var signed = string.Create(CultureInfo.InvariantCulture, $"biobank.v1.IntegrityCheckpoint {checkpoint.Position} {checkpoint.StreamCount} {checkpoint.Digest}");
        checkpoint.Signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return checkpoint;
    }
}
