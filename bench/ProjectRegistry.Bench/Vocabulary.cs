namespace ProjectRegistry.Bench;

/// <summary>
/// The Swedish the generated projects are written in: the kind of words, names and sentences that Leader
/// areas' and municipalities' project lists use, so that titles sort, search and wrap as real ones do.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Topics =
    [
        "naturturism", "besöksnäring", "lokal matproduktion", "småskalig livsmedelsförädling", "fiberutbyggnad",
        "laddinfrastruktur", "cykelturism", "vandringsleder", "skoterleder", "fiskevård", "fisketurism", "jaktturism",
        "hästturism", "kulturarv", "hembygdsvård", "ungdomsverksamhet", "integration", "kompetensförsörjning",
        "entreprenörskap", "företagsutveckling", "digital service", "byaservice", "lokal service", "friluftsliv",
        "evenemang", "kulturliv", "musikliv", "konsthantverk", "återbruk", "cirkulär ekonomi", "solenergi",
        "lokal energiproduktion", "vattenvård", "biologisk mångfald", "samlingslokaler", "idrottsanläggningar",
        "badplatser", "båthamnar", "lekplatser", "elljusspår", "mötesplatser", "bygdegårdar", "samverkan",
        "platsmarknadsföring", "inflyttning", "bostadsbyggande", "kollektivtrafik", "samåkning", "ridsport",
        "längdskidåkning", "mountainbike", "kanotleder", "ekoturism", "matturism", "gårdsbutiker",
        "närproducerad mat", "vildmarksturism", "samisk kultur", "slöjd", "amatörteater", "folkhälsa",
        "föreningsutveckling", "ledarskap", "lokal demokrati", "krisberedskap", "kulturmiljö", "småskaligt skogsbruk",
        "viltvård", "betesmarker", "fäbodbruk", "biodling", "trädgårdsodling", "fjällturism", "skärgårdsturism",
        "lantbruksturism", "vattenkraftsbygder", "kustfiske", "vinterturism", "hälsoturism", "ungt företagande",
    ];

    public static readonly string[] Facilities =
    [
        "byahus", "mötesplats", "servicepunkt", "aktivitetspark", "ungdomsgård", "fiskecamp", "naturum", "utsiktstorn",
        "vandringsled", "cykelled", "skidspår", "gästhamn", "bygdegård", "festplats", "kulturhus", "matmarknad",
        "motionsspår", "skatepark", "glampingby", "hembygdsgård", "badplats", "friluftsgård", "kvarn", "smedja",
        "hantverksby", "laddstation", "samlingslokal", "rastplats", "båtramp", "isbana",
    ];

    public static readonly string[] Catchwords =
    [
        "Levande", "Framtidens", "Attraktiva", "Hållbara", "Smarta", "Gröna", "Aktiva", "Öppna", "Starka", "Nya",
    ];

    public static readonly string[] PlacePrefixes =
    [
        "Norr", "Sör", "Väster", "Öster", "Stor", "Lill", "Björk", "Gran", "Tall", "Sjö", "Berg", "Ås", "Myr", "Lund",
        "Fors", "Kvarn", "Ek", "Häll", "Sand", "Rönn", "Älv", "Strand", "Hag", "Vall", "Lid", "Mo", "Råne", "Krok",
        "Bäck", "Ulv", "Hjort", "Tran", "Svan", "Örn", "Lo", "Ren", "Al", "Ask", "Hassel", "Lin", "Malm", "Kopparn",
        "Silver", "Kol", "Torv", "Stens", "Dal", "Myck", "Holm", "Näs",
    ];

    public static readonly string[] PlaceSuffixes =
    [
        "by", "sjö", "träsk", "berg", "vik", "näs", "å", "fors", "bäcken", "heden", "liden", "ås", "torp", "holm",
        "mark", "dal", "säter", "vallen", "udden", "nora", "tjärn", "myren", "hyttan", "strand", "köping",
    ];

    public static readonly string[] Verbs =
    [
        "utveckla", "stärka", "främja", "kartlägga", "synliggöra", "bevara", "förbättra", "bredda", "samordna",
        "skapa förutsättningar för", "öka intresset för", "utreda möjligheterna till", "förnya", "paketera",
        "marknadsföra", "tillgängliggöra",
    ];

    public static readonly string[] Groups =
    [
        "företag", "föreningar", "ungdomar", "besökare", "invånare", "lantbrukare", "nyanlända", "seniorer",
        "entreprenörer", "markägare", "barnfamiljer", "guider", "producenter", "ideella ledare", "skolelever",
    ];

    public static readonly string[] TargetGroups =
    [
        "Unga (15–25 år)", "Företagare", "Föreningar", "Nyanlända", "Besökare", "Seniorer", "Lantbrukare",
        "Kvinnor som driver företag", "Barn och unga", "Fritidsboende", "Ideella krafter", "Skolor", "Allmänheten",
    ];

    public static readonly string[] Outcomes =
    [
        "delta i projektets aktiviteter", "ha fått ny kunskap om {0}", "ha startat nya verksamheter",
        "använda den nya mötesplatsen regelbundet", "ha tillgång till bättre service", "ingå i ett nätverk för {0}",
        "ha tagit fram nya produkter inom {0}", "ha besökt området under projekttiden",
    ];

    public static readonly string[] Problems =
    [
        "haft svårt att behålla unga vuxna", "sett en minskande befolkning", "saknat en gemensam mötesplats",
        "haft begränsad tillgång till bredband", "haft ett rikt föreningsliv men få lokaler",
        "lockat allt fler besökare sommartid", "förlorat både butik och skola", "haft långt till närmaste service",
        "haft ett starkt engagemang men få eldsjälar som orkar bära arbetet",
    ];

    public static readonly string[] Activities =
    [
        "workshoppar", "studiebesök", "en inventering", "utbildningsdagar", "en förstudie", "nätverksträffar",
        "mässbesök", "en marknadsföringskampanj", "öppna hus", "prova-på-dagar", "en enkätundersökning",
        "guidade turer", "ett mentorsprogram", "byavandringar", "en hackathon för unga", "samrådsmöten",
    ];

    public static readonly string[] GoalAreaNames =
    [
        "Attraktiva livsmiljöer", "Hållbar besöksnäring", "Fler och växande företag", "Miljö och klimat",
        "Inkludering och mångfald", "Kompetens och innovation", "Unga och framtid", "Lokal service och infrastruktur",
        "Kultur och kulturarv", "Smarta byar",
    ];

    public static readonly string[] DirectionGoalNames =
    [
        "Fler mötesplatser", "Bättre tillgång till service", "Ökad inflyttning", "Fler gästnätter",
        "Fler hållbara besöksmål", "Fler nya företag", "Ökad lönsamhet i befintliga företag", "Minskad klimatpåverkan",
        "Ökad biologisk mångfald", "Fler delaktiga i samhällslivet", "Ökad kompetens hos företagare",
        "Fler unga som vill bo kvar", "Digital tillgänglighet i hela bygden", "Ett levande kulturarv",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Erik", "Karin", "Lars", "Maria", "Johan", "Eva", "Anders", "Sara", "Per", "Elin", "Mikael", "Linnea",
        "Nils", "Ingrid", "Olof", "Emma", "Jonas", "Frida", "Magnus", "Åsa", "Björn", "Sofia", "Hanna", "Oskar", "Ida",
        "Gunnar", "Malin", "Henrik", "Märta", "Ulf", "Lena", "Petra", "Tomas", "Kajsa", "Mattias",
    ];

    public static readonly string[] Surnames =
    [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Lindberg", "Lindström", "Holmgren", "Sundqvist", "Lundberg", "Bergström", "Fällman", "Öberg",
        "Åström", "Nordin", "Vikström", "Lindqvist", "Marklund", "Burman", "Sjöberg", "Hedlund", "Isaksson",
        "Wikström", "Berglund", "Strömberg", "Lundgren", "Nyström", "Forsberg", "Jonsson", "Hägglund",
    ];

    public static readonly string[] ContactRoles =
    [
        "Projektledare", "Projektledare/kontaktperson", "Projektkoordinator", "Verksamhetsledare", "Ordförande",
        "Projektmedarbetare", "Näringslivsutvecklare",
    ];

    /// <summary>Associations and companies that own projects and take part in them; {0} is a place.</summary>
    public static readonly string[] OwnerTemplates =
    [
        "{0} byaförening", "{0} hembygdsförening", "{0}s IF", "{0} fiskevårdsområdesförening",
        "{0} bygdegårdsförening", "{0} samfällighetsförening", "{0} Fiber ekonomisk förening", "{0} Turism AB",
        "{0} Naturupplevelser AB", "{0} skoterklubb", "Föreningen {0}s framtid", "{0} ridklubb", "{0} skidklubb",
        "{0} utvecklingsgrupp", "{0} byalag", "{0} Gårdsbutik AB", "{0} Lodge AB", "{0} viltvårdsområde",
        "{0} jaktklubb", "{0} kulturförening", "{0} ungdomsråd", "{0} konsthantverkare ekonomisk förening",
    ];

    public static readonly string[] Agencies =
    [
        "Jordbruksverket", "Tillväxtverket", "Svenska ESF-rådet", "Boverket", "Naturvårdsverket", "Energimyndigheten",
        "Vinnova", "Allmänna arvsfonden", "Post- och telestyrelsen", "Havs- och vattenmyndigheten", "Trafikverket",
        "Skogsstyrelsen", "Kulturrådet", "Riksantikvarieämbetet", "Sametinget",
    ];

    /// <summary>Slug and name; the first three are already in seed-data under these slugs.</summary>
    public static readonly (string Slug, string Name)[] EuFunds =
    [
        ("ejflu", "Europeiska jordbruksfonden för landsbygdsutveckling (EJFLU)"),
        ("eruf", "Europeiska regionala utvecklingsfonden (ERUF)"),
        ("esf", "Europeiska socialfonden (ESF)"),
        ("esf-plus", "Europeiska socialfonden+ (ESF+)"),
        ("ehfvf", "Europeiska havs-, fiske- och vattenbruksfonden (EHFVF)"),
    ];

    public static readonly string[] EuProgrammes =
    [
        "Interreg Aurora", "Interreg Nord", "Interreg Sverige-Norge", "Interreg Öresund-Kattegat-Skagerrak",
        "Interreg Central Baltic", "Erasmus+", "LIFE", "Horisont Europa",
    ];

    public static readonly string[] Foundations =
    [
        "Sparbanksstiftelsen Norrland", "Sparbanksstiftelsen Kronan", "Sparbanksstiftelsen Rekarne",
        "Sparbanksstiftelsen Sjuhärad", "Sparbanksstiftelsen Skåne", "Kempestiftelserna", "Stiftelsen Lantbruksforskning",
        "Postkodstiftelsen", "Stiftelsen Gustaf Adolf och Anna Maria Alvins fond", "Längmanska kulturfonden",
        "Stiftelsen Framtidens Kultur", "Stiftelsen Norrbottens forskningsråd", "Ung Företagsamhet",
        "Svenska Jägareförbundet", "Sportfiskarna", "Coompanion", "Hela Sverige ska leva", "LRF",
        "Visit Sweden", "Almi Företagspartner",
    ];

    /// <summary>Leader areas per county code: real and plausible names; the county's municipalities are shared among them.</summary>
    public static readonly Dictionary<string, string[]> LeaderAreas = new()
    {
        ["01"] = ["Leader Stockholmsbygd", "Leader Skärgården"],
        ["03"] = ["Leader Upplandsbygd", "Leader Uppland Norra"],
        ["04"] = ["Leader Södermanland", "Leader Sörmlandskusten"],
        ["05"] = ["Leader Folk och Sjö", "Leader Östra Östergötland", "Leader Norra Östergötland"],
        ["06"] = ["Leader Astrid Lindgrens hembygd", "Leader Höglandet", "Leader Västra Småland"],
        ["07"] = ["Leader Linné", "Leader Sunnerbo"],
        ["08"] = ["Leader Småland Sydost", "Leader Kustlandet"],
        ["09"] = ["Leader Gotland"],
        ["10"] = ["Leader Blekinge"],
        ["12"] = ["Leader Skåne Nordost", "Leader Söderslätt", "Leader Ystad-Österlenregionen", "Leader Lundaland", "Leader Skånes Ess"],
        ["13"] = ["Leader Halland"],
        ["14"] = ["Leader Sjuhärad", "Leader Bohuslän", "Leader Dalsland", "Leader Västra Skaraborg", "Leader Östra Skaraborg", "Leader Göta Älv"],
        ["17"] = ["Leader Värmland", "Leader Klarälvdalen"],
        ["18"] = ["Leader Bergslagen", "Leader Sydnärke"],
        ["19"] = ["Leader Mälardalen"],
        ["20"] = ["Leader Dalälvarna", "Leader Västerdalarna", "Leader Siljan"],
        ["21"] = ["Leader Gästrikebygden", "Leader Hälsingebygden"],
        ["22"] = ["Leader Höga Kusten", "Leader Mittland"],
        ["23"] = ["Leader Jämtland", "Leader Sjö Skog och Fjäll"],
        ["24"] = ["Leader Lappland", "Leader Västerbotten Kust"],
        ["25"] = ["Leader Norrbotten", "Leader Tornedalen"],
    };

    public static readonly string[] Intros =
    [
        "Här redovisas de projekt som LAG har beviljat stöd under programperioden. Kontakta leaderkontoret om du vill veta mer om ett projekt.",
        "Projekten nedan har fått stöd genom lokalt ledd utveckling. Listan uppdateras när nya beslut har fattats.",
        "Vi redovisar alla beviljade projekt, både pågående och avslutade, med kontaktuppgifter och finansiering.",
    ];
}
