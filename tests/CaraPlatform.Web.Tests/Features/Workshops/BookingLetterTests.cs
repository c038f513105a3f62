using System.Reflection;
using UglyToad.PdfPig;

namespace CaraPlatform.Web.Tests.Features.Workshops;

public sealed partial class BookingLetterTests
{
    private static BookingLetterModel Letter(LetterDelivery? delivery = null, IReadOnlyList<string>? whatToBring = null) => new(
        ProviderName: "The Hampton Trust",
        ProviderContact: new ProviderContactDetails("023 8000 0000", "cara@hamptontrust.example", ["1 Trust House", "Fareham"]),
        OffenderFullName: "John Smith",
        OffenderAddressLines: ["12 Example Road", "Southampton", "SO15 2AB"],
        PoliceReference: "HC/2026/004512",
        LetterDate: new DateOnly(2026, 11, 2),
        Workshop1: new LetterWorkshop(new DateOnly(2026, 12, 12), new TimeOnly(10, 0), new TimeOnly(15, 0)),
        Workshop2: new LetterWorkshop(new DateOnly(2027, 1, 9), new TimeOnly(10, 0), new TimeOnly(15, 0)),
        Delivery: delivery ?? new VenueLetterDelivery("Eastleigh Community Centre", ["Wells Place", "Eastleigh"], "SO50 5LJ"),
        Language: "English",
        WhatToBring: whatToBring ?? []);

    /// <summary>Words in reading order joined by single spaces, so a sentence wrapped over two lines still matches.</summary>
    private static (int Pages, string Text) Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text);
        return (document.NumberOfPages, Whitespace().Replace(string.Join(' ', words), " "));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [Fact]
    public void Venue_letter_is_a_pdf_with_the_dates_place_rules_and_reference()
    {
        var pdf = BookingLetterPdf.Render(Letter());

        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        var (pages, text) = Read(pdf);
        Assert.True(pages >= 1);
        string[] printed =
        [
            "Saturday 12 December 2026, 10:00 to 15:00", "Saturday 9 January 2027, 10:00 to 15:00",
            "Eastleigh Community Centre", "SO50 5LJ",
            "Late arrivals are refused entry and that counts as not attending.",
            "Attending both workshops is a condition of your caution.",
            "HC/2026/004512", "Your CARA workshops", "free of charge", "please do not contact anyone else to rearrange it",
            // No list given: the defaults are printed.
            "Photo identification", "This letter",
        ];
        Assert.All(printed, expected => Assert.Contains(expected, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Remote_letter_shows_the_link_only_when_given()
    {
        const string link = "https://meet.example.org/cara/w1-8841";

        var (_, withLink) = Read(BookingLetterPdf.Render(Letter(new RemoteLetterDelivery(new Uri(link)))));
        var (_, withoutLink) = Read(BookingLetterPdf.Render(Letter(new RemoteLetterDelivery(null))));

        Assert.Contains(link, withLink, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", withoutLink, StringComparison.Ordinal);
        Assert.Contains("We will send you the link", withoutLink, StringComparison.Ordinal);
        Assert.DoesNotContain("Eastleigh Community Centre", withLink, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_what_to_bring_list_runs_onto_a_second_page_without_losing_text()
    {
        var items = Enumerable.Range(1, 60)
            .Select(i => $"Item {i:D2}: a deliberately long description so that this entry wraps over more than one line of the letter, ending with marker{i:D2}")
            .ToList();

        var (pages, text) = Read(BookingLetterPdf.Render(Letter(whatToBring: items)));

        Assert.True(pages >= 2, $"expected at least two pages, got {pages}");
        foreach (var item in items)
        {
            Assert.Contains(item, text, StringComparison.Ordinal);
        }
        Assert.Contains("The workshops are free of charge.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Photo identification", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_stays_inside_the_margins_of_every_page()
    {
        var items = Enumerable.Range(1, 40).Select(i => $"Item {i}: {new string('x', 30)} and a long tail of words that must wrap").ToList();
        var pdf = BookingLetterPdf.Render(Letter(new RemoteLetterDelivery(new Uri("https://meet.example.org/" + new string('a', 150))), items));

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            Assert.All(page.Letters, l =>
            {
                // 56pt (about 20mm) margins, with a point of slack for rounding.
                Assert.InRange(l.StartBaseLine.X, 55, page.Width - 55);
                Assert.InRange(l.EndBaseLine.X, 55, page.Width - 55);
                Assert.InRange(l.StartBaseLine.Y, 55, page.Height - 55);
            });
        }
    }

    [Fact]
    public void Characters_the_standard_fonts_cannot_encode_are_replaced_not_fatal()
    {
        var letter = Letter() with
        {
            OffenderFullName = "Łukasz Wójcik",
            WhatToBring = ["Your “caution” paper – signed…", "Café receipt £5"],
        };

        var (_, text) = Read(BookingLetterPdf.Render(letter));

        Assert.Contains("Lukasz Wojcik", text, StringComparison.Ordinal);
        Assert.Contains("Your \"caution\" paper - signed...", text, StringComparison.Ordinal);
        Assert.Contains("Cafe receipt £5", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Letter_model_has_nothing_about_the_victim()
    {
        var offending = new List<string>();
        var seen = new HashSet<Type>();
        Visit(typeof(BookingLetterModel), typeof(BookingLetterModel).Name);
        Assert.Empty(offending);
        // Guard that the walk really reached the nested records, including the delivery subtypes.
        Assert.Contains(typeof(VenueLetterDelivery), seen);
        Assert.Contains(typeof(ProviderContactDetails), seen);

        void Visit(Type type, string path)
        {
            if (!seen.Add(type) || type.Assembly != typeof(BookingLetterModel).Assembly)
            {
                foreach (var arg in type.IsGenericType ? type.GetGenericArguments() : [])
                {
                    Visit(arg, path);
                }
                return;
            }
            if (type.IsAbstract)
            {
                foreach (var derived in type.Assembly.GetTypes().Where(t => t.IsSubclassOf(type)))
                {
                    Visit(derived, $"{path}<{derived.Name}>");
                }
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                var propertyPath = $"{path}.{property.Name}";
                if (property.Name.Contains("victim", StringComparison.OrdinalIgnoreCase))
                {
                    offending.Add(propertyPath);
                }
                Visit(property.PropertyType, propertyPath);
            }
        }
    }
}
