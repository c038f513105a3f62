using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaraPlatform.Client;

/// <summary>The generated client's JSON, as the API reads and writes it.</summary>
public partial class CaraApiClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        // Enums are strings on the wire; the generator marks enum properties so, but not the items of a list of enums.
        settings.Converters.Add(new JsonStringEnumConverter());
        // An unset field is left out, as the API's own examples do, rather than sent as null.
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
