using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CaraPlatform.Web.Platform;

/// <summary>An opaque position in a list ordered by (time, id): the last item's time and id. Lists compare rows with it as a tuple.</summary>
public readonly record struct KeysetCursor(DateTimeOffset At, Guid Id)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{Id:N}"));

    public static bool TryParse(string? text, out KeysetCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}

/// <summary>A cursor that this API did not issue; answered 400 naming the cursor parameter.</summary>
public sealed class InvalidCursorException() : Exception("The cursor is not one this API issued.");
