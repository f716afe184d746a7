using System.Data.Common;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace Biobank.Server.Storage;

/// <summary>
/// A table with what Weasel's table model cannot express (exclusion constraints, constraint
/// triggers), migrated by plain idempotent DDL as part of Marten's schema migration. The table's
/// comment records the revision of its DDL: a database whose table carries another revision (or
/// none) runs the statements again, so they must be safe to rerun (<c>if not exists</c>,
/// <c>create or replace</c>). Bump <paramref name="revision"/> whenever the statements change.
/// </summary>
public sealed class SqlSchemaObject(string schema, string table, int revision, string statements) : ISchemaObject
{
    private readonly string _marker = $"biobank schema revision {revision}";

    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, table, SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine(statements);
        writer.WriteLine($"comment on table {Identifier.QualifiedName} is '{_marker}';");
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"drop table if exists {Identifier.QualifiedName} cascade;");

    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        builder.Append("select count(*) from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = ");
        builder.AppendParameter(Identifier.Schema);
        builder.Append(" and c.relname = ");
        builder.AppendParameter(Identifier.Name);
        builder.Append(" and pg_catalog.obj_description(c.oid, 'pg_class') = ");
        builder.AppendParameter(_marker);
        builder.Append(";");
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct)
    {
        var current = await reader.ReadAsync(ct) && reader.GetInt64(0) > 0;
        return new SchemaObjectDelta(this, current ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames() => [Identifier];
}
