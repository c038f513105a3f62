using System.Globalization;
using CaraPlatform.Web.Platform.Documents;
using UglyToad.PdfPig.Writer;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>
/// What the booking confirmation letter to the offender says. It deliberately has no field about the victim:
/// the letter goes to the offender, and anything about the victim on it (name, address, contact) could tell
/// the offender something the victim-contact service keeps from them, or put the victim at risk.
/// </summary>
/// <param name="ProviderName">The provider delivering CARA, shown as the letter's heading.</param>
/// <param name="ProviderContact">How the offender reaches the provider with questions.</param>
/// <param name="OffenderFullName">The addressee.</param>
/// <param name="OffenderAddressLines">The offender's postal address, one line each, postcode last.</param>
/// <param name="PoliceReference">The police reference of the caution, so the offender can quote it.</param>
/// <param name="LetterDate">The date printed on the letter.</param>
/// <param name="Workshop1">Date and UK local times of Workshop 1.</param>
/// <param name="Workshop2">Date and UK local times of Workshop 2.</param>
/// <param name="Delivery">Where the workshops happen: a venue, or remote.</param>
/// <param name="Language">The language the workshops are delivered in, e.g. "English".</param>
/// <param name="WhatToBring">What to bring; empty means the usual list (photo ID, glasses, this letter).</param>
public sealed record BookingLetterModel(
    string ProviderName,
    ProviderContactDetails ProviderContact,
    string OffenderFullName,
    IReadOnlyList<string> OffenderAddressLines,
    string PoliceReference,
    DateOnly LetterDate,
    LetterWorkshop Workshop1,
    LetterWorkshop Workshop2,
    LetterDelivery Delivery,
    string Language,
    IReadOnlyList<string> WhatToBring);

/// <summary>The provider's contact details printed on the letter.</summary>
public sealed record ProviderContactDetails(string Phone, string Email, IReadOnlyList<string> AddressLines);

/// <summary>One workshop's date and its start and end in UK local time.</summary>
public sealed record LetterWorkshop(DateOnly Date, TimeOnly Start, TimeOnly End)
{
    private static readonly CultureInfo UkEnglish = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>E.g. "Saturday 12 December 2026, 10:00 to 15:00".</summary>
    public string Describe() =>
        string.Create(UkEnglish, $"{Date:dddd d MMMM yyyy}, {Start:HH\\:mm} to {End:HH\\:mm}");
}

/// <summary>Where the workshops are delivered.</summary>
public abstract record LetterDelivery;

/// <summary>Both workshops at a venue.</summary>
public sealed record VenueLetterDelivery(string VenueName, IReadOnlyList<string> AddressLines, string Postcode) : LetterDelivery;

/// <summary>
/// Both workshops online. The link is null until the caller decides the booking is confirmed enough to send it;
/// the letter then says the link will follow.
/// </summary>
public sealed record RemoteLetterDelivery(Uri? MeetingLink) : LetterDelivery;

/// <summary>Lays out a <see cref="BookingLetterModel"/> as an A4 PDF letter.</summary>
public static class BookingLetterPdf
{
    /// <summary>Used when the caller gives no list, so the letter never tells the offender to bring nothing.</summary>
    public static readonly IReadOnlyList<string> DefaultWhatToBring =
    [
        "Photo identification, such as a passport or driving licence",
        "Your glasses, if you need them for reading",
        "This letter",
    ];

    private const double BodySize = 11;
    private const double SmallSize = 9;
    private const double HeadingSize = 14;
    private const double TitleSize = 18;

    public static byte[] Render(BookingLetterModel letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Your CARA workshops";
        builder.DocumentInformation.Author = PdfTextWriter.ToEncodableText(letter.ProviderName);
        var writer = new PdfTextWriter(builder);

        writer.Paragraph(letter.ProviderName, TitleSize, bold: true);
        foreach (var line in letter.ProviderContact.AddressLines)
        {
            writer.Paragraph(line, SmallSize);
        }
        writer.Paragraph($"Telephone: {letter.ProviderContact.Phone}", SmallSize);
        writer.Paragraph($"Email: {letter.ProviderContact.Email}", SmallSize);
        writer.Space(BodySize);

        writer.Paragraph(letter.LetterDate.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), BodySize);
        writer.Space(BodySize);
        writer.Paragraph(letter.OffenderFullName, BodySize);
        foreach (var line in letter.OffenderAddressLines)
        {
            writer.Paragraph(line, BodySize);
        }
        writer.Space(BodySize);
        writer.Paragraph($"Police reference: {letter.PoliceReference}", BodySize, bold: true);
        writer.Space(BodySize);

        writer.Paragraph("Your CARA workshops", HeadingSize, bold: true);
        writer.Space(BodySize / 2);
        writer.Paragraph($"Dear {letter.OffenderFullName},", BodySize);
        writer.Space(BodySize / 2);
        writer.Paragraph(
            "As part of your caution you have agreed to attend two CARA workshops. " +
            "We have booked your place on the dates below.", BodySize);
        writer.Space(BodySize / 2);
        writer.Paragraph($"Workshop 1: {letter.Workshop1.Describe()}", BodySize, bold: true);
        writer.Paragraph($"Workshop 2: {letter.Workshop2.Describe()}", BodySize, bold: true);
        writer.Paragraph($"The workshops are delivered in {letter.Language}.", BodySize);
        writer.Space(BodySize / 2);

        WriteWhere(writer, letter.Delivery);
        writer.Space(BodySize / 2);

        writer.Paragraph("Please arrive early", HeadingSize, bold: true);
        writer.Paragraph(
            "Please arrive at least 15 minutes before the start time. Late arrivals are refused entry and that " +
            "counts as not attending.", BodySize);
        writer.Paragraph(
            "Attending both workshops is a condition of your caution. If you do not attend, the police will be told " +
            "and may prosecute you for the original offence.", BodySize);
        writer.Space(BodySize / 2);

        writer.Paragraph("What to bring", HeadingSize, bold: true);
        var toBring = letter.WhatToBring.Count > 0 ? letter.WhatToBring : DefaultWhatToBring;
        foreach (var item in toBring)
        {
            writer.Paragraph(item, BodySize, bullet: true);
        }
        writer.Space(BodySize / 2);

        writer.Paragraph("Questions", HeadingSize, bold: true);
        writer.Paragraph(
            $"If you have any questions about your workshops, contact {letter.ProviderName} on " +
            $"{letter.ProviderContact.Phone} or at {letter.ProviderContact.Email}, quoting your police reference. " +
            "Only we can change your booking: please do not contact anyone else to rearrange it.", BodySize);
        writer.Space(BodySize / 2);
        writer.Paragraph("The workshops are free of charge.", BodySize);
        writer.Space(BodySize);
        writer.Paragraph("Yours sincerely,", BodySize);
        writer.Paragraph(letter.ProviderName, BodySize);

        return builder.Build();
    }

    private static void WriteWhere(PdfTextWriter writer, LetterDelivery delivery)
    {
        writer.Paragraph("Where", HeadingSize, bold: true);
        switch (delivery)
        {
            case VenueLetterDelivery venue:
                writer.Paragraph("Both workshops are held at:", BodySize);
                writer.Paragraph(venue.VenueName, BodySize, bold: true);
                foreach (var line in venue.AddressLines)
                {
                    writer.Paragraph(line, BodySize);
                }
                writer.Paragraph(venue.Postcode, BodySize);
                break;
            case RemoteLetterDelivery { MeetingLink: { } link }:
                writer.Paragraph("Both workshops are held online. Join using this link:", BodySize);
                writer.Paragraph(link.OriginalString, BodySize, bold: true);
                writer.Paragraph("Join from a quiet, private place where you cannot be overheard.", BodySize);
                break;
            case RemoteLetterDelivery:
                writer.Paragraph(
                    "Both workshops are held online. We will send you the link to join before Workshop 1.", BodySize);
                writer.Paragraph("Join from a quiet, private place where you cannot be overheard.", BodySize);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(delivery), delivery.GetType().Name, "Unknown delivery.");
        }
    }
}
