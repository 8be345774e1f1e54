using Spectre.Console;
using Spectre.Console.Rendering;

namespace Outreach.Console;

/// <summary>
/// The console every table and line goes through: each piece of text is passed through <see cref="TextRules.Printable"/>
/// before Spectre adds its own styling, so recorded text with control characters or bidirectional overrides is shown
/// escaped, never obeyed by the terminal.
/// </summary>
internal sealed class SafeConsole(IAnsiConsole inner) : IAnsiConsole
{
    public Profile Profile => inner.Profile;

    public IAnsiConsoleCursor Cursor => inner.Cursor;

    public IAnsiConsoleInput Input => inner.Input;

    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;

    public RenderPipeline Pipeline => inner.Pipeline;

    public void Clear(bool home) => inner.Clear(home);

    public void Write(IRenderable renderable) => inner.Write(new Escaped(renderable));

    // Raw ANSI is Spectre's own (cursor moves, live displays); no recorded text passes here.
    public void WriteAnsi(Action<AnsiWriter> action) => inner.WriteAnsi(action);

    private sealed class Escaped(IRenderable renderable) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => renderable.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
            => renderable.Render(options, maxWidth).Select(segment => segment.IsControlCode || segment.IsLineBreak
                ? segment
                : new Segment(TextRules.Printable(segment.Text), segment.Style));
    }
}
