using Biobank.Cli.Output;

namespace Biobank.Cli.Tests.Output;

public sealed class TableTests
{
    private static Table Reservations() => new Table("reservation", "state", "project")
        .Row("r-1", new Cell("confirmed", Tone.Good), "AMR-2026")
        .Row("r-22", new Cell("pending-approval", Tone.Warning), "");

    [Fact]
    public void Columns_line_up_under_upper_case_headers_with_nothing_trailing()
    {
        var written = new StringWriter();

        Reservations().WriteTo(written, colours: false);

        written.ToString().ShouldBe("""
            RESERVATION  STATE             PROJECT
            r-1          confirmed         AMR-2026
            r-22         pending-approval

            """.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
    }

    [Fact]
    public void Colours_are_only_painted_for_a_terminal_and_do_not_shift_the_columns()
    {
        var plain = new StringWriter();
        var painted = new StringWriter();

        Reservations().WriteTo(plain, colours: false);
        Reservations().WriteTo(painted, colours: true);

        plain.ToString().ShouldNotContain("\u001b[");
        painted.ToString().ShouldContain("\u001b[32mconfirmed\u001b[0m");
        System.Text.RegularExpressions.Regex.Replace(painted.ToString(), "\u001b\\[[0-9;]*m", "").ShouldBe(plain.ToString());
    }
}
