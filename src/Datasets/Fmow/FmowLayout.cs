namespace Daft.Datasets.Fmow;

/// <summary>
/// fMoW-WILDS v1.1 (Christie et al. 2018; Koh et al. 2021) as WILDS's <c>wilds/datasets/fmow_dataset.py</c>
/// (p-lambda/wilds 4726775) reads it: <c>DATA_ROOT/fmow_v1.1/</c> holding <c>rgb_metadata.csv</c> (one row per
/// image), <c>country_code_mapping.csv</c> (ISO-3166 alpha-3 code → continent), <c>RELEASE_v1.1.txt</c> (without it
/// WILDS tries to download) and <c>images/rgb_img_{ROW}.png</c>, ROW the image's metadata row counting from 0.
/// </summary>
public static class FmowLayout
{
    public const string Folder = "fmow_v1.1";
    public const string Metadata = "rgb_metadata.csv";
    public const string CountryMapping = "country_code_mapping.csv";
    public const string Release = "RELEASE_v1.1.txt";
    public const string Images = "images";

    /// <summary>The image of metadata row <paramref name="row"/> (<c>FMoWDataset.get_input</c>: <c>full_idxs[idx]</c>).</summary>
    public static string ImageName(int row) => $"rgb_img_{row}.png";

    /// <summary>What WILDS downloads for v1.1 (<c>_versions_dict</c>): a tar.gz of the whole folder; WILDS checks
    /// only its size, it publishes no digest.</summary>
    public const string ArchiveUrl = "https://worksheets.codalab.org/rest/bundles/0xaec91eb7c9d548ebb15e1b5e60f966ab/contents/blob/";

    public const long ArchiveBytes = 53_893_324_800;

    /// <summary>How to obtain the dataset, for error messages.</summary>
    public const string Fix = "Get fMoW-WILDS v1.1 with `pip install wilds` and `python -c \"import wilds; wilds.get_dataset('fmow', "
        + "root_dir='DATA_ROOT', download=True)\"`, or download " + ArchiveUrl + " (a 50 GB tar.gz) and extract it into "
        + "DATA_ROOT/fmow_v1.1/.";

    /// <summary>WILDS's <c>categories</c>: the 62 classes, label = position.</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        "airport", "airport_hangar", "airport_terminal", "amusement_park", "aquaculture", "archaeological_site",
        "barn", "border_checkpoint", "burial_site", "car_dealership", "construction_site", "crop_field", "dam",
        "debris_or_rubble", "educational_institution", "electric_substation", "factory_or_powerplant",
        "fire_station", "flooded_road", "fountain", "gas_station", "golf_course", "ground_transportation_station",
        "helipad", "hospital", "impoverished_settlement", "interchange", "lake_or_pond", "lighthouse",
        "military_facility", "multi-unit_residential", "nuclear_powerplant", "office_building",
        "oil_or_gas_facility", "park", "parking_lot_or_garage", "place_of_worship", "police_station", "port",
        "prison", "race_track", "railway_bridge", "recreational_facility", "road_bridge", "runway", "shipyard",
        "shopping_mall", "single-unit_residential", "smokestack", "solar_farm", "space_facility", "stadium",
        "storage_tank", "surface_mine", "swimming_pool", "toll_booth", "tower", "tunnel_opening", "waste_disposal",
        "water_treatment_facility", "wind_farm", "zoo",
    ];

    /// <summary>WILDS's <c>_split_dict</c> (with its default <c>use_ood_val=True</c>): split name → id.</summary>
    public static readonly IReadOnlyDictionary<string, int> Splits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["train"] = 0,
        ["id_val"] = 1,
        ["id_test"] = 2,
        ["val"] = 3,
        ["test"] = 4,
    };

    /// <summary>The region ids DAFT's configs assume (its <c>datasets/fmow.py</c> comment). WILDS numbers regions in the
    /// order they first appear in the metadata, which for the published file is this one.</summary>
    public static readonly IReadOnlyList<string> DaftRegions = ["Asia", "Europe", "Africa", "Americas", "Oceania", "Other"];

    /// <summary>The region of a country code the mapping does not list (or of an empty code).</summary>
    public const string OtherRegion = "Other";

    /// <summary>What WILDS's region list holds for a country the mapping lists with an empty region (pandas NaN,
    /// printed as <c>nan</c>; the ISO table leaves Antarctica's region empty): a region of its own.</summary>
    public const string MissingRegion = "nan";

    /// <summary><c>DATA_ROOT/fmow_v1.1</c>.</summary>
    public static string Root(string dataRoot) => Path.Combine(Path.GetFullPath(dataRoot), Folder);
}
