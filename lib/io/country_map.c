/*
 * country_map.c - the country tables the dataset importers map through, and
 * the resolution of COW numbers, ISO codes and country names to entities.
 *
 * cow_states: the 217 states of COW State System Membership v2016 with
 * their abbreviation, the column name the COW IGO data v3 gives them, and
 * their ISO 3166 alpha-3 code where one exists (the same mapping as the
 * built-in dataset data/10-states.json, plus GFR -> DEU, GDR -> DDR,
 * Czechoslovakia -> CSK, South Yemen -> YMD). States with no ISO code
 * (Bavaria, Korea before 1905, the Republic of Vietnam...) become COW:<n>.
 * iso_countries: ISO 3166-1 and the withdrawn codes the datasets use
 * (ISO 3166-3), English names from the Debian iso-codes package 4.15.
 */
#include "io/dataset_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const gp_cow_state cow_states[] = {
	{2, "USA", "USA", "United States of America", "usa"},
	{20, "CAN", "CAN", "Canada", "canada"},
	{31, "BHM", "BHS", "Bahamas", "bahamas"},
	{40, "CUB", "CUB", "Cuba", "cuba"},
	{41, "HAI", "HTI", "Haiti", "haiti"},
	{42, "DOM", "DOM", "Dominican Republic", "domrepublic"},
	{51, "JAM", "JAM", "Jamaica", "jamaica"},
	{52, "TRI", "TTO", "Trinidad and Tobago", "trinidad"},
	{53, "BAR", "BRB", "Barbados", "barbados"},
	{54, "DMA", "DMA", "Dominica", "dominica"},
	{55, "GRN", "GRD", "Grenada", "grenada"},
	{56, "SLU", "LCA", "St. Lucia", "stlucia"},
	{57, "SVG", "VCT", "St. Vincent and the Grenadines", "stvincent"},
	{58, "AAB", "ATG", "Antigua & Barbuda", "antiguabarbuda"},
	{60, "SKN", "KNA", "St. Kitts and Nevis", "stkitts"},
	{70, "MEX", "MEX", "Mexico", "mexico"},
	{80, "BLZ", "BLZ", "Belize", "belize"},
	{90, "GUA", "GTM", "Guatemala", "guatemala"},
	{91, "HON", "HND", "Honduras", "honduras"},
	{92, "SAL", "SLV", "El Salvador", "elsalvador"},
	{93, "NIC", "NIC", "Nicaragua", "nicaragua"},
	{94, "COS", "CRI", "Costa Rica", "costarica"},
	{95, "PAN", "PAN", "Panama", "panama"},
	{100, "COL", "COL", "Colombia", "colombia"},
	{101, "VEN", "VEN", "Venezuela", "venezuela"},
	{110, "GUY", "GUY", "Guyana", "guyana"},
	{115, "SUR", "SUR", "Suriname", "suriname"},
	{130, "ECU", "ECU", "Ecuador", "ecuador"},
	{135, "PER", "PER", "Peru", "peru"},
	{140, "BRA", "BRA", "Brazil", "brazil"},
	{145, "BOL", "BOL", "Bolivia", "bolivia"},
	{150, "PAR", "PRY", "Paraguay", "paraguay"},
	{155, "CHL", "CHL", "Chile", "chile"},
	{160, "ARG", "ARG", "Argentina", "argentina"},
	{165, "URU", "URY", "Uruguay", "uruguay"},
	{200, "UKG", "GBR", "United Kingdom", "uk"},
	{205, "IRE", "IRL", "Ireland", "ireland"},
	{210, "NTH", "NLD", "Netherlands", "netherlands"},
	{211, "BEL", "BEL", "Belgium", "belgium"},
	{212, "LUX", "LUX", "Luxembourg", "luxembourg"},
	{220, "FRN", "FRA", "France", "france"},
	{221, "MNC", "MCO", "Monaco", "monaco"},
	{223, "LIE", "LIE", "Liechtenstein", "liechtenstein"},
	{225, "SWZ", "CHE", "Switzerland", "switzerland"},
	{230, "SPN", "ESP", "Spain", "spain"},
	{232, "AND", "AND", "Andorra", "andorra"},
	{235, "POR", "PRT", "Portugal", "portugal"},
	{240, "HAN", NULL, "Hanover", "hanover"},
	{245, "BAV", NULL, "Bavaria", "bavariaelect"},
	{255, "GMY", "DEU", "Germany", "germany"},
	{260, "GFR", "DEU", "German Federal Republic", "wgermany"},
	{265, "GDR", "DDR", "German Democratic Republic", "egermany"},
	{267, "BAD", NULL, "Baden", "baden"},
	{269, "SAX", NULL, "Saxony", "saxony"},
	{271, "WRT", NULL, "Wuerttemburg", "wurtenburg"},
	{273, "HSE", NULL, "Hesse Electoral", "hesseelect"},
	{275, "HSG", NULL, "Hesse Grand Ducal", "hessegrand"},
	{280, "MEC", NULL, "Mecklenburg Schwerin", "mecklenburg"},
	{290, "POL", "POL", "Poland", "poland"},
	{300, "AUH", NULL, "Austria-Hungary", "austriahungary"},
	{305, "AUS", "AUT", "Austria", "austria"},
	{310, "HUN", "HUN", "Hungary", "hungary"},
	{315, "CZE", "CSK", "Czechoslovakia", "czechoslovakia"},
	{316, "CZR", "CZE", "Czech Republic", "czechrep"},
	{317, "SLO", "SVK", "Slovakia", "slovakia"},
	{325, "ITA", "ITA", "Italy", "italy"},
	{327, "PAP", NULL, "Papal States", "papalstates"},
	{329, "SIC", NULL, "Two Sicilies", "twosicilies"},
	{331, "SNM", "SMR", "San Marino", "sanmarino"},
	{332, "MOD", NULL, "Modena", "modena"},
	{335, "PMA", NULL, "Parma", "parma"},
	{337, "TUS", NULL, "Tuscany", "tuscany"},
	{338, "MLT", "MLT", "Malta", "malta"},
	{339, "ALB", "ALB", "Albania", "albania"},
	{341, "MNG", "MNE", "Montenegro", "montenegro"},
	{343, "MAC", "MKD", "Macedonia", "fyromacedonia"},
	{344, "CRO", "HRV", "Croatia", "croatia"},
	{345, "YUG", "SRB", "Yugoslavia", "yugoslaviaserb"},
	{346, "BOS", "BIH", "Bosnia and Herzegovina", "bosnia"},
	{347, "KOS", NULL, "Kosovo", "kosovo"},
	{349, "SLV", "SVN", "Slovenia", "slovenia"},
	{350, "GRC", "GRC", "Greece", "greece"},
	{352, "CYP", "CYP", "Cyprus", "cyprus"},
	{355, "BUL", "BGR", "Bulgaria", "bulgaria"},
	{359, "MLD", "MDA", "Moldova", "moldova"},
	{360, "ROM", "ROU", "Romania", "romania"},
	{365, "RUS", "RUS", "Russia", "russia"},
	{366, "EST", "EST", "Estonia", "estonia"},
	{367, "LAT", "LVA", "Latvia", "latvia"},
	{368, "LIT", "LTU", "Lithuania", "lithuania"},
	{369, "UKR", "UKR", "Ukraine", "ukraine"},
	{370, "BLR", "BLR", "Belarus", "belarus"},
	{371, "ARM", "ARM", "Armenia", "armenia"},
	{372, "GRG", "GEO", "Georgia", "georgia"},
	{373, "AZE", "AZE", "Azerbaijan", "azerbaijan"},
	{375, "FIN", "FIN", "Finland", "finland"},
	{380, "SWD", "SWE", "Sweden", "sweden"},
	{385, "NOR", "NOR", "Norway", "norway"},
	{390, "DEN", "DNK", "Denmark", "denmark"},
	{395, "ICE", "ISL", "Iceland", "iceland"},
	{402, "CAP", "CPV", "Cape Verde", "capeverde"},
	{403, "STP", "STP", "Sao Tome and Principe", "saotome"},
	{404, "GNB", "GNB", "Guinea-Bissau", "guineabissau"},
	{411, "EQG", "GNQ", "Equatorial Guinea", "eqguinea"},
	{420, "GAM", "GMB", "Gambia", "gambia"},
	{432, "MLI", "MLI", "Mali", "mali"},
	{433, "SEN", "SEN", "Senegal", "senegal"},
	{434, "BEN", "BEN", "Benin", "benin"},
	{435, "MAA", "MRT", "Mauritania", "mauritania"},
	{436, "NIR", "NER", "Niger", "niger"},
	{437, "CDI", "CIV", "Ivory Coast", "ivorycoast"},
	{438, "GUI", "GIN", "Guinea", "guinea"},
	{439, "BFO", "BFA", "Burkina Faso", "burkinafaso"},
	{450, "LBR", "LBR", "Liberia", "liberia"},
	{451, "SIE", "SLE", "Sierra Leone", "sierraleone"},
	{452, "GHA", "GHA", "Ghana", "ghana"},
	{461, "TOG", "TGO", "Togo", "togo"},
	{471, "CAO", "CMR", "Cameroon", "cameroon"},
	{475, "NIG", "NGA", "Nigeria", "nigeria"},
	{481, "GAB", "GAB", "Gabon", "gabon"},
	{482, "CEN", "CAF", "Central African Republic", "car"},
	{483, "CHA", "TCD", "Chad", "chad"},
	{484, "CON", "COG", "Congo", "congobrazz"},
	{490, "DRC", "COD", "Democratic Republic of the Congo", "zaire"},
	{500, "UGA", "UGA", "Uganda", "uganda"},
	{501, "KEN", "KEN", "Kenya", "kenya"},
	{510, "TAZ", "TZA", "Tanzania", "tanzania"},
	{511, "ZAN", NULL, "Zanzibar", "zanzibar"},
	{516, "BUI", "BDI", "Burundi", "burundi"},
	{517, "RWA", "RWA", "Rwanda", "rwanda"},
	{520, "SOM", "SOM", "Somalia", "somalia"},
	{522, "DJI", "DJI", "Djibouti", "djibouti"},
	{530, "ETH", "ETH", "Ethiopia", "ethiopia"},
	{531, "ERI", "ERI", "Eritrea", "eritrea"},
	{540, "ANG", "AGO", "Angola", "angola"},
	{541, "MZM", "MOZ", "Mozambique", "mozambique"},
	{551, "ZAM", "ZMB", "Zambia", "zambia"},
	{552, "ZIM", "ZWE", "Zimbabwe", "zimbabwe"},
	{553, "MAW", "MWI", "Malawi", "malawi"},
	{560, "SAF", "ZAF", "South Africa", "soafrica"},
	{565, "NAM", "NAM", "Namibia", "namibia"},
	{570, "LES", "LSO", "Lesotho", "lesotho"},
	{571, "BOT", "BWA", "Botswana", "botswana"},
	{572, "SWA", "SWZ", "Swaziland", "swaziland"},
	{580, "MAG", "MDG", "Madagascar", "madagascar"},
	{581, "COM", "COM", "Comoros", "comoros"},
	{590, "MAS", "MUS", "Mauritius", "mauritius"},
	{591, "SEY", "SYC", "Seychelles", "seychelles"},
	{600, "MOR", "MAR", "Morocco", "morocco"},
	{615, "ALG", "DZA", "Algeria", "algeria"},
	{616, "TUN", "TUN", "Tunisia", "tunisia"},
	{620, "LIB", "LBY", "Libya", "libya"},
	{625, "SUD", "SDN", "Sudan", "sudan"},
	{626, "SSD", "SSD", "South Sudan", "sosudan"},
	{630, "IRN", "IRN", "Iran", "iran"},
	{640, "TUR", "TUR", "Turkey", "turkey"},
	{645, "IRQ", "IRQ", "Iraq", "iraq"},
	{651, "EGY", "EGY", "Egypt", "egypt"},
	{652, "SYR", "SYR", "Syria", "syria"},
	{660, "LEB", "LBN", "Lebanon", "lebanon"},
	{663, "JOR", "JOR", "Jordan", "jordan"},
	{666, "ISR", "ISR", "Israel", "israel"},
	{670, "SAU", "SAU", "Saudi Arabia", "saudiarabia"},
	{678, "YAR", NULL, "Yemen Arab Republic", "nyemen"},
	{679, "YEM", "YEM", "Yemen", "yemen"},
	{680, "YPR", "YMD", "Yemen People's Republic", "syemen"},
	{690, "KUW", "KWT", "Kuwait", "kuwait"},
	{692, "BAH", "BHR", "Bahrain", "bahrain"},
	{694, "QAT", "QAT", "Qatar", "qatar"},
	{696, "UAE", "ARE", "United Arab Emirates", "uae"},
	{698, "OMA", "OMN", "Oman", "oman"},
	{700, "AFG", "AFG", "Afghanistan", "afghanistan"},
	{701, "TKM", "TKM", "Turkmenistan", "turkmenistan"},
	{702, "TAJ", "TJK", "Tajikistan", "tajikistan"},
	{703, "KYR", "KGZ", "Kyrgyzstan", "kyrgyzstan"},
	{704, "UZB", "UZB", "Uzbekistan", "uzbekistan"},
	{705, "KZK", "KAZ", "Kazakhstan", "kazakhstan"},
	{710, "CHN", "CHN", "China", "china"},
	{712, "MON", "MNG", "Mongolia", "mongolia"},
	{713, "TAW", "TWN", "Taiwan", "taiwan"},
	{730, "KOR", NULL, "Korea", "korea"},
	{731, "PRK", "PRK", "North Korea", "nokorea"},
	{732, "ROK", "KOR", "South Korea", "sokorea"},
	{740, "JPN", "JPN", "Japan", "japan"},
	{750, "IND", "IND", "India", "india"},
	{760, "BHU", "BTN", "Bhutan", "bhutan"},
	{770, "PAK", "PAK", "Pakistan", "pakistan"},
	{771, "BNG", "BGD", "Bangladesh", "bangladesh"},
	{775, "MYA", "MMR", "Myanmar", "myanmar"},
	{780, "SRI", "LKA", "Sri Lanka", "srilanka"},
	{781, "MAD", "MDV", "Maldives", "maldives"},
	{790, "NEP", "NPL", "Nepal", "nepal"},
	{800, "THI", "THA", "Thailand", "thailand"},
	{811, "CAM", "KHM", "Cambodia", "cambodia"},
	{812, "LAO", "LAO", "Laos", "laos"},
	{816, "DRV", "VNM", "Vietnam", "vietnam"},
	{817, "RVN", NULL, "Republic of Vietnam", "svietnam"},
	{820, "MAL", "MYS", "Malaysia", "malaysia"},
	{830, "SIN", "SGP", "Singapore", "singapore"},
	{835, "BRU", "BRN", "Brunei", "brunei"},
	{840, "PHI", "PHL", "Philippines", "philippines"},
	{850, "INS", "IDN", "Indonesia", "indonesia"},
	{860, "ETM", "TLS", "East Timor", "etimor"},
	{900, "AUL", "AUS", "Australia", "australia"},
	{910, "PNG", "PNG", "Papua New Guinea", "papuanewguinea"},
	{920, "NEW", "NZL", "New Zealand", "newzealand"},
	{935, "VAN", "VUT", "Vanuatu", "vanuatu"},
	{940, "SOL", "SLB", "Solomon Islands", "solomonis"},
	{946, "KIR", "KIR", "Kiribati", "kiribati"},
	{947, "TUV", "TUV", "Tuvalu", "tuvalu"},
	{950, "FIJ", "FJI", "Fiji", "fiji"},
	{955, "TON", "TON", "Tonga", "tonga"},
	{970, "NAU", "NRU", "Nauru", "nauru"},
	{983, "MSI", "MHL", "Marshall Islands", "marshallis"},
	{986, "PAL", "PLW", "Palau", "palau"},
	{987, "FSM", "FSM", "Federated States of Micronesia", "micronesiafs"},
	{990, "WSM", "WSM", "Samoa", "wsamoa"},
};
static const gp_iso_country iso_countries[] = {
	{"ABW", "Aruba", NULL, NULL, 0},
	{"AFG", "Afghanistan", "Islamic Republic of Afghanistan", NULL, 1},
	{"AGO", "Angola", "Republic of Angola", NULL, 1},
	{"AIA", "Anguilla", NULL, NULL, 0},
	{"ALA", "Åland Islands", NULL, NULL, 0},
	{"ALB", "Albania", "Republic of Albania", NULL, 1},
	{"AND", "Andorra", "Principality of Andorra", NULL, 1},
	{"ARE", "United Arab Emirates", NULL, NULL, 1},
	{"ARG", "Argentina", "Argentine Republic", NULL, 1},
	{"ARM", "Armenia", "Republic of Armenia", NULL, 1},
	{"ASM", "American Samoa", NULL, NULL, 0},
	{"ATA", "Antarctica", NULL, NULL, 0},
	{"ATF", "French Southern Territories", NULL, NULL, 0},
	{"ATG", "Antigua and Barbuda", NULL, NULL, 1},
	{"AUS", "Australia", NULL, NULL, 1},
	{"AUT", "Austria", "Republic of Austria", NULL, 1},
	{"AZE", "Azerbaijan", "Republic of Azerbaijan", NULL, 1},
	{"BDI", "Burundi", "Republic of Burundi", NULL, 1},
	{"BEL", "Belgium", "Kingdom of Belgium", NULL, 1},
	{"BEN", "Benin", "Republic of Benin", NULL, 1},
	{"BES", "Bonaire, Sint Eustatius and Saba", "Bonaire, Sint Eustatius and Saba", NULL, 0},
	{"BFA", "Burkina Faso", NULL, NULL, 1},
	{"BGD", "Bangladesh", "People's Republic of Bangladesh", NULL, 1},
	{"BGR", "Bulgaria", "Republic of Bulgaria", NULL, 1},
	{"BHR", "Bahrain", "Kingdom of Bahrain", NULL, 1},
	{"BHS", "Bahamas", "Commonwealth of the Bahamas", NULL, 1},
	{"BIH", "Bosnia and Herzegovina", "Republic of Bosnia and Herzegovina", NULL, 1},
	{"BLM", "Saint Barthélemy", NULL, NULL, 0},
	{"BLR", "Belarus", "Republic of Belarus", NULL, 1},
	{"BLZ", "Belize", NULL, NULL, 1},
	{"BMU", "Bermuda", NULL, NULL, 0},
	{"BOL", "Bolivia, Plurinational State of", "Plurinational State of Bolivia", "Bolivia", 1},
	{"BRA", "Brazil", "Federative Republic of Brazil", NULL, 1},
	{"BRB", "Barbados", NULL, NULL, 1},
	{"BRN", "Brunei Darussalam", NULL, NULL, 1},
	{"BTN", "Bhutan", "Kingdom of Bhutan", NULL, 1},
	{"BVT", "Bouvet Island", NULL, NULL, 0},
	{"BWA", "Botswana", "Republic of Botswana", NULL, 1},
	{"CAF", "Central African Republic", NULL, NULL, 1},
	{"CAN", "Canada", NULL, NULL, 1},
	{"CCK", "Cocos (Keeling) Islands", NULL, NULL, 0},
	{"CHE", "Switzerland", "Swiss Confederation", NULL, 1},
	{"CHL", "Chile", "Republic of Chile", NULL, 1},
	{"CHN", "China", "People's Republic of China", NULL, 1},
	{"CIV", "Côte d'Ivoire", "Republic of Côte d'Ivoire", NULL, 1},
	{"CMR", "Cameroon", "Republic of Cameroon", NULL, 1},
	{"COD", "Congo, The Democratic Republic of the", NULL, NULL, 1},
	{"COG", "Congo", "Republic of the Congo", NULL, 1},
	{"COK", "Cook Islands", NULL, NULL, 0},
	{"COL", "Colombia", "Republic of Colombia", NULL, 1},
	{"COM", "Comoros", "Union of the Comoros", NULL, 1},
	{"CPV", "Cabo Verde", "Republic of Cabo Verde", NULL, 1},
	{"CRI", "Costa Rica", "Republic of Costa Rica", NULL, 1},
	{"CSK", "Czechoslovakia, Czechoslovak Socialist Republic", NULL, NULL, 1},
	{"CUB", "Cuba", "Republic of Cuba", NULL, 1},
	{"CUW", "Curaçao", "Curaçao", NULL, 0},
	{"CXR", "Christmas Island", NULL, NULL, 0},
	{"CYM", "Cayman Islands", NULL, NULL, 0},
	{"CYP", "Cyprus", "Republic of Cyprus", NULL, 1},
	{"CZE", "Czechia", "Czech Republic", NULL, 1},
	{"DDR", "German Democratic Republic", NULL, NULL, 1},
	{"DEU", "Germany", "Federal Republic of Germany", NULL, 1},
	{"DJI", "Djibouti", "Republic of Djibouti", NULL, 1},
	{"DMA", "Dominica", "Commonwealth of Dominica", NULL, 1},
	{"DNK", "Denmark", "Kingdom of Denmark", NULL, 1},
	{"DOM", "Dominican Republic", NULL, NULL, 1},
	{"DZA", "Algeria", "People's Democratic Republic of Algeria", NULL, 1},
	{"ECU", "Ecuador", "Republic of Ecuador", NULL, 1},
	{"EGY", "Egypt", "Arab Republic of Egypt", NULL, 1},
	{"ERI", "Eritrea", "the State of Eritrea", NULL, 1},
	{"ESH", "Western Sahara", NULL, NULL, 0},
	{"ESP", "Spain", "Kingdom of Spain", NULL, 1},
	{"EST", "Estonia", "Republic of Estonia", NULL, 1},
	{"ETH", "Ethiopia", "Federal Democratic Republic of Ethiopia", NULL, 1},
	{"FIN", "Finland", "Republic of Finland", NULL, 1},
	{"FJI", "Fiji", "Republic of Fiji", NULL, 1},
	{"FLK", "Falkland Islands (Malvinas)", NULL, NULL, 0},
	{"FRA", "France", "French Republic", NULL, 1},
	{"FRO", "Faroe Islands", NULL, NULL, 0},
	{"FSM", "Micronesia, Federated States of", "Federated States of Micronesia", NULL, 1},
	{"GAB", "Gabon", "Gabonese Republic", NULL, 1},
	{"GBR", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland", NULL, 1},
	{"GEO", "Georgia", NULL, NULL, 1},
	{"GGY", "Guernsey", NULL, NULL, 0},
	{"GHA", "Ghana", "Republic of Ghana", NULL, 1},
	{"GIB", "Gibraltar", NULL, NULL, 0},
	{"GIN", "Guinea", "Republic of Guinea", NULL, 1},
	{"GLP", "Guadeloupe", NULL, NULL, 0},
	{"GMB", "Gambia", "Republic of the Gambia", NULL, 1},
	{"GNB", "Guinea-Bissau", "Republic of Guinea-Bissau", NULL, 1},
	{"GNQ", "Equatorial Guinea", "Republic of Equatorial Guinea", NULL, 1},
	{"GRC", "Greece", "Hellenic Republic", NULL, 1},
	{"GRD", "Grenada", NULL, NULL, 1},
	{"GRL", "Greenland", NULL, NULL, 0},
	{"GTM", "Guatemala", "Republic of Guatemala", NULL, 1},
	{"GUF", "French Guiana", NULL, NULL, 0},
	{"GUM", "Guam", NULL, NULL, 0},
	{"GUY", "Guyana", "Republic of Guyana", NULL, 1},
	{"HKG", "Hong Kong", "Hong Kong Special Administrative Region of China", NULL, 0},
	{"HMD", "Heard Island and McDonald Islands", NULL, NULL, 0},
	{"HND", "Honduras", "Republic of Honduras", NULL, 1},
	{"HRV", "Croatia", "Republic of Croatia", NULL, 1},
	{"HTI", "Haiti", "Republic of Haiti", NULL, 1},
	{"HUN", "Hungary", "Hungary", NULL, 1},
	{"IDN", "Indonesia", "Republic of Indonesia", NULL, 1},
	{"IMN", "Isle of Man", NULL, NULL, 0},
	{"IND", "India", "Republic of India", NULL, 1},
	{"IOT", "British Indian Ocean Territory", NULL, NULL, 0},
	{"IRL", "Ireland", NULL, NULL, 1},
	{"IRN", "Iran, Islamic Republic of", "Islamic Republic of Iran", "Iran", 1},
	{"IRQ", "Iraq", "Republic of Iraq", NULL, 1},
	{"ISL", "Iceland", "Republic of Iceland", NULL, 1},
	{"ISR", "Israel", "State of Israel", NULL, 1},
	{"ITA", "Italy", "Italian Republic", NULL, 1},
	{"JAM", "Jamaica", NULL, NULL, 1},
	{"JEY", "Jersey", NULL, NULL, 0},
	{"JOR", "Jordan", "Hashemite Kingdom of Jordan", NULL, 1},
	{"JPN", "Japan", NULL, NULL, 1},
	{"KAZ", "Kazakhstan", "Republic of Kazakhstan", NULL, 1},
	{"KEN", "Kenya", "Republic of Kenya", NULL, 1},
	{"KGZ", "Kyrgyzstan", "Kyrgyz Republic", NULL, 1},
	{"KHM", "Cambodia", "Kingdom of Cambodia", NULL, 1},
	{"KIR", "Kiribati", "Republic of Kiribati", NULL, 1},
	{"KNA", "Saint Kitts and Nevis", NULL, NULL, 1},
	{"KOR", "Korea, Republic of", NULL, "South Korea", 1},
	{"KWT", "Kuwait", "State of Kuwait", NULL, 1},
	{"LAO", "Lao People's Democratic Republic", NULL, "Laos", 1},
	{"LBN", "Lebanon", "Lebanese Republic", NULL, 1},
	{"LBR", "Liberia", "Republic of Liberia", NULL, 1},
	{"LBY", "Libya", "Libya", NULL, 1},
	{"LCA", "Saint Lucia", NULL, NULL, 1},
	{"LIE", "Liechtenstein", "Principality of Liechtenstein", NULL, 1},
	{"LKA", "Sri Lanka", "Democratic Socialist Republic of Sri Lanka", NULL, 1},
	{"LSO", "Lesotho", "Kingdom of Lesotho", NULL, 1},
	{"LTU", "Lithuania", "Republic of Lithuania", NULL, 1},
	{"LUX", "Luxembourg", "Grand Duchy of Luxembourg", NULL, 1},
	{"LVA", "Latvia", "Republic of Latvia", NULL, 1},
	{"MAC", "Macao", "Macao Special Administrative Region of China", NULL, 0},
	{"MAF", "Saint Martin (French part)", NULL, NULL, 0},
	{"MAR", "Morocco", "Kingdom of Morocco", NULL, 1},
	{"MCO", "Monaco", "Principality of Monaco", NULL, 1},
	{"MDA", "Moldova, Republic of", "Republic of Moldova", "Moldova", 1},
	{"MDG", "Madagascar", "Republic of Madagascar", NULL, 1},
	{"MDV", "Maldives", "Republic of Maldives", NULL, 1},
	{"MEX", "Mexico", "United Mexican States", NULL, 1},
	{"MHL", "Marshall Islands", "Republic of the Marshall Islands", NULL, 1},
	{"MKD", "North Macedonia", "Republic of North Macedonia", NULL, 1},
	{"MLI", "Mali", "Republic of Mali", NULL, 1},
	{"MLT", "Malta", "Republic of Malta", NULL, 1},
	{"MMR", "Myanmar", "Republic of Myanmar", NULL, 1},
	{"MNE", "Montenegro", "Montenegro", NULL, 1},
	{"MNG", "Mongolia", NULL, NULL, 1},
	{"MNP", "Northern Mariana Islands", "Commonwealth of the Northern Mariana Islands", NULL, 0},
	{"MOZ", "Mozambique", "Republic of Mozambique", NULL, 1},
	{"MRT", "Mauritania", "Islamic Republic of Mauritania", NULL, 1},
	{"MSR", "Montserrat", NULL, NULL, 0},
	{"MTQ", "Martinique", NULL, NULL, 0},
	{"MUS", "Mauritius", "Republic of Mauritius", NULL, 1},
	{"MWI", "Malawi", "Republic of Malawi", NULL, 1},
	{"MYS", "Malaysia", NULL, NULL, 1},
	{"MYT", "Mayotte", NULL, NULL, 0},
	{"NAM", "Namibia", "Republic of Namibia", NULL, 1},
	{"NCL", "New Caledonia", NULL, NULL, 0},
	{"NER", "Niger", "Republic of the Niger", NULL, 1},
	{"NFK", "Norfolk Island", NULL, NULL, 0},
	{"NGA", "Nigeria", "Federal Republic of Nigeria", NULL, 1},
	{"NIC", "Nicaragua", "Republic of Nicaragua", NULL, 1},
	{"NIU", "Niue", "Niue", NULL, 0},
	{"NLD", "Netherlands", "Kingdom of the Netherlands", NULL, 1},
	{"NOR", "Norway", "Kingdom of Norway", NULL, 1},
	{"NPL", "Nepal", "Federal Democratic Republic of Nepal", NULL, 1},
	{"NRU", "Nauru", "Republic of Nauru", NULL, 1},
	{"NZL", "New Zealand", NULL, NULL, 1},
	{"OMN", "Oman", "Sultanate of Oman", NULL, 1},
	{"PAK", "Pakistan", "Islamic Republic of Pakistan", NULL, 1},
	{"PAN", "Panama", "Republic of Panama", NULL, 1},
	{"PCN", "Pitcairn", NULL, NULL, 0},
	{"PER", "Peru", "Republic of Peru", NULL, 1},
	{"PHL", "Philippines", "Republic of the Philippines", NULL, 1},
	{"PLW", "Palau", "Republic of Palau", NULL, 1},
	{"PNG", "Papua New Guinea", "Independent State of Papua New Guinea", NULL, 1},
	{"POL", "Poland", "Republic of Poland", NULL, 1},
	{"PRI", "Puerto Rico", NULL, NULL, 0},
	{"PRK", "Korea, Democratic People's Republic of", "Democratic People's Republic of Korea", "North Korea", 1},
	{"PRT", "Portugal", "Portuguese Republic", NULL, 1},
	{"PRY", "Paraguay", "Republic of Paraguay", NULL, 1},
	{"PSE", "Palestine, State of", "the State of Palestine", NULL, 1},
	{"PYF", "French Polynesia", NULL, NULL, 0},
	{"QAT", "Qatar", "State of Qatar", NULL, 1},
	{"REU", "Réunion", NULL, NULL, 0},
	{"ROU", "Romania", NULL, NULL, 1},
	{"RUS", "Russian Federation", NULL, NULL, 1},
	{"RWA", "Rwanda", "Rwandese Republic", NULL, 1},
	{"SAU", "Saudi Arabia", "Kingdom of Saudi Arabia", NULL, 1},
	{"SCG", "Serbia and Montenegro", NULL, NULL, 0},
	{"SDN", "Sudan", "Republic of the Sudan", NULL, 1},
	{"SEN", "Senegal", "Republic of Senegal", NULL, 1},
	{"SGP", "Singapore", "Republic of Singapore", NULL, 1},
	{"SGS", "South Georgia and the South Sandwich Islands", NULL, NULL, 0},
	{"SHN", "Saint Helena, Ascension and Tristan da Cunha", NULL, NULL, 0},
	{"SJM", "Svalbard and Jan Mayen", NULL, NULL, 0},
	{"SLB", "Solomon Islands", NULL, NULL, 1},
	{"SLE", "Sierra Leone", "Republic of Sierra Leone", NULL, 1},
	{"SLV", "El Salvador", "Republic of El Salvador", NULL, 1},
	{"SMR", "San Marino", "Republic of San Marino", NULL, 1},
	{"SOM", "Somalia", "Federal Republic of Somalia", NULL, 1},
	{"SPM", "Saint Pierre and Miquelon", NULL, NULL, 0},
	{"SRB", "Serbia", "Republic of Serbia", NULL, 1},
	{"SSD", "South Sudan", "Republic of South Sudan", NULL, 1},
	{"STP", "Sao Tome and Principe", "Democratic Republic of Sao Tome and Principe", NULL, 1},
	{"SUN", "USSR, Union of Soviet Socialist Republics", NULL, NULL, 0},
	{"SUR", "Suriname", "Republic of Suriname", NULL, 1},
	{"SVK", "Slovakia", "Slovak Republic", NULL, 1},
	{"SVN", "Slovenia", "Republic of Slovenia", NULL, 1},
	{"SWE", "Sweden", "Kingdom of Sweden", NULL, 1},
	{"SWZ", "Eswatini", "Kingdom of Eswatini", NULL, 1},
	{"SXM", "Sint Maarten (Dutch part)", "Sint Maarten (Dutch part)", NULL, 0},
	{"SYC", "Seychelles", "Republic of Seychelles", NULL, 1},
	{"SYR", "Syrian Arab Republic", NULL, "Syria", 1},
	{"TCA", "Turks and Caicos Islands", NULL, NULL, 0},
	{"TCD", "Chad", "Republic of Chad", NULL, 1},
	{"TGO", "Togo", "Togolese Republic", NULL, 1},
	{"THA", "Thailand", "Kingdom of Thailand", NULL, 1},
	{"TJK", "Tajikistan", "Republic of Tajikistan", NULL, 1},
	{"TKL", "Tokelau", NULL, NULL, 0},
	{"TKM", "Turkmenistan", NULL, NULL, 1},
	{"TLS", "Timor-Leste", "Democratic Republic of Timor-Leste", NULL, 1},
	{"TON", "Tonga", "Kingdom of Tonga", NULL, 1},
	{"TTO", "Trinidad and Tobago", "Republic of Trinidad and Tobago", NULL, 1},
	{"TUN", "Tunisia", "Republic of Tunisia", NULL, 1},
	{"TUR", "Türkiye", "Republic of Türkiye", NULL, 1},
	{"TUV", "Tuvalu", NULL, NULL, 1},
	{"TWN", "Taiwan, Province of China", "Taiwan, Province of China", "Taiwan", 0},
	{"TZA", "Tanzania, United Republic of", "United Republic of Tanzania", "Tanzania", 1},
	{"UGA", "Uganda", "Republic of Uganda", NULL, 1},
	{"UKR", "Ukraine", NULL, NULL, 1},
	{"UMI", "United States Minor Outlying Islands", NULL, NULL, 0},
	{"URY", "Uruguay", "Eastern Republic of Uruguay", NULL, 1},
	{"USA", "United States", "United States of America", NULL, 1},
	{"UZB", "Uzbekistan", "Republic of Uzbekistan", NULL, 1},
	{"VAT", "Holy See (Vatican City State)", NULL, NULL, 1},
	{"VCT", "Saint Vincent and the Grenadines", NULL, NULL, 1},
	{"VEN", "Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela", "Venezuela", 1},
	{"VGB", "Virgin Islands, British", "British Virgin Islands", NULL, 0},
	{"VIR", "Virgin Islands, U.S.", "Virgin Islands of the United States", NULL, 0},
	{"VNM", "Viet Nam", "Socialist Republic of Viet Nam", "Vietnam", 1},
	{"VUT", "Vanuatu", "Republic of Vanuatu", NULL, 1},
	{"WLF", "Wallis and Futuna", NULL, NULL, 0},
	{"WSM", "Samoa", "Independent State of Samoa", NULL, 1},
	{"YEM", "Yemen", "Republic of Yemen", NULL, 1},
	{"YMD", "Yemen, Democratic, People's Democratic Republic of", NULL, NULL, 1},
	{"YUG", "Yugoslavia, (Socialist) Federal Republic of", NULL, NULL, 0},
	{"ZAF", "South Africa", "Republic of South Africa", NULL, 1},
	{"ZMB", "Zambia", "Republic of Zambia", NULL, 1},
	{"ZWE", "Zimbabwe", "Republic of Zimbabwe", NULL, 1},
};

/* Names the datasets write that the ISO table spells otherwise. */
static const struct {
	const char *name, *alpha3;
} aliases[] = {
	{"Russia", "RUS"},
	{"Occupied Palestinian Territory", "PSE"},
	{"Palestine", "PSE"},
	{"Democratic Republic of Congo", "COD"},
	{"Democratic Republic of the Congo", "COD"},
	{"Congo, Democratic Republic of", "COD"},
	{"Republic of Congo", "COG"},
	{"South Korea", "KOR"},
	{"Swaziland", "SWZ"},
	{"Turkey", "TUR"},
	{"the former Yugoslav Republic of Macedonia", "MKD"},
	{"Macedonia", "MKD"},
	{"Cote d'Ivoire", "CIV"},
	{"Ivory Coast", "CIV"},
	{"Holy See", "VAT"},
	{"Vatican City", "VAT"},
	{"Brunei", "BRN"},
	{"Cape Verde", "CPV"},
	{"Burma", "MMR"},
	{"Micronesia", "FSM"},
	{"East Timor", "TLS"},
	{"Great Britain", "GBR"},
	{"United States of America", "USA"},
	{"Czech Republic", "CZE"},
	{"Laos", "LAO"},
	{"Syria", "SYR"},
	{"Vietnam", "VNM"},
	{"Iran", "IRN"},
	{"Bolivia", "BOL"},
	{"Tanzania", "TZA"},
	{"Venezuela", "VEN"},
	{"Moldova", "MDA"},
	{"North Korea", "PRK"},
	{"Taiwan", "TWN"},
	{"Macau", "MAC"},
	{"Serbia and Montenegro", "SCG"},
	{"Soviet Union", "SUN"},
	{"USSR", "SUN"},
};

const gp_cow_state *gp_cow_state_by_code(int ccode)
{
	size_t lo = 0, hi = sizeof cow_states / sizeof cow_states[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cow_states[mid].ccode == ccode)
			return &cow_states[mid];
		if (cow_states[mid].ccode < ccode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const gp_cow_state *gp_cow_state_by_column(const char *column)
{
	for (size_t i = 0; i < sizeof cow_states / sizeof cow_states[0]; i++)
		if (strcmp(cow_states[i].igo_column, column) == 0)
			return &cow_states[i];
	return NULL;
}

const gp_iso_country *gp_iso_by_alpha3(const char *alpha3)
{
	size_t lo = 0, hi = sizeof iso_countries / sizeof iso_countries[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(iso_countries[mid].alpha3, alpha3);
		if (c == 0)
			return &iso_countries[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ASCII letters and digits, lowercased; everything else dropped. Enough to
 * match the English spellings of the table ("Moldova, Republic of"). */
static void fold(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++) {
		char ch = *s;
		if (ch >= 'A' && ch <= 'Z')
			out[n++] = (char)(ch - 'A' + 'a');
		else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			out[n++] = ch;
	}
	out[n] = '\0';
}

static int same_name(const char *key, const char *name)
{
	char buf[128];
	if (!name)
		return 0;
	fold(name, buf, sizeof buf);
	return strcmp(key, buf) == 0;
}

const gp_iso_country *gp_iso_by_name(const char *name)
{
	char key[128];
	fold(name, key, sizeof key);
	if (!key[0])
		return NULL;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (same_name(key, aliases[i].name))
			return gp_iso_by_alpha3(aliases[i].alpha3);
	for (size_t i = 0; i < sizeof iso_countries / sizeof iso_countries[0]; i++) {
		const gp_iso_country *c = &iso_countries[i];
		if (same_name(key, c->name) || same_name(key, c->common) || same_name(key, c->official))
			return c;
	}
	return NULL;
}

/* ---- the resolver */

#define COW_MAX 10000
#define NAME_CACHE 2048
#define CODE_SIZE 24

enum { UNSEEN = 0, KNOWN = 1, NONE = 2 };

struct gp_resolver {
	geopol_db *db;
	char cow_code[COW_MAX][CODE_SIZE];
	int64_t cow_id[COW_MAX];
	unsigned char iso_state[26 * 26 * 26];
	struct {
		char name[64];
		char code[CODE_SIZE];
		int found;
	} names[NAME_CACHE];
	size_t n_names;
	char transient[CODE_SIZE];
};

int gp_resolver_new(gp_resolver **out, geopol_db *db)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return gp_error(db, GEOPOL_ENOMEM, "out of memory");
	(*out)->db = db;
	return GEOPOL_OK;
}

void gp_resolver_free(gp_resolver *r)
{
	free(r);
}

static int entity_code_of(geopol_db *db, int64_t id, char *out)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT code FROM entity WHERE id = ?1");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, CODE_SIZE, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? GEOPOL_OK : gp_sql_error(db, "looking up an entity");
}

/* Add an entity with an English name; the name cites nothing (it comes
 * from this file's tables, not from the dataset being read). */
static int make_entity(geopol_db *db, const char *code, int kind, const char *subkind,
		       const char *name)
{
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = code;
	e.kind = kind;
	e.subkind = subkind;
	int rc = gp_entity_add(db, &e);
	if (rc < 0)
		return rc;
	if (name && *name) {
		geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
		n.entity = code;
		n.text = name;
		n.lang = "en";
		n.kind = GEOPOL_NAME_SHORT;
		int64_t fact;
		int nrc = gp_name_add(db, &n, 0, &fact);
		if (nrc < 0)
			return nrc;
	}
	return rc;
}

int gp_resolve_cow(gp_resolver *r, int ccode, const char *abb, const char *name,
		   const char **code, int64_t *id, int *created)
{
	geopol_db *db = r->db;
	int rc;
	if (created)
		*created = 0;
	if (ccode <= 0 || ccode >= COW_MAX)
		return gp_error(db, GEOPOL_EINVAL, "COW state number %d out of range", ccode);
	if (r->cow_id[ccode]) {
		*code = r->cow_code[ccode];
		if (id)
			*id = r->cow_id[ccode];
		return GEOPOL_OK;
	}
	const gp_cow_state *t = gp_cow_state_by_code(ccode);
	char num[16];
	snprintf(num, sizeof num, "%d", ccode);
	int64_t eid = gp_xref_lookup(db, "cow", num);
	char *buf = r->cow_code[ccode];
	if (eid) {
		if ((rc = entity_code_of(db, eid, buf)))
			return rc;
	} else {
		if (t && t->iso3)
			snprintf(buf, CODE_SIZE, "%s", t->iso3);
		else
			snprintf(buf, CODE_SIZE, "COW:%d", ccode);
		rc = gp_entity_id(db, buf, "entity", &eid);
		if (rc == GEOPOL_ENOTFOUND) {
			char fallback[40];
			snprintf(fallback, sizeof fallback, "COW state %d", ccode);
			rc = make_entity(db, buf, GEOPOL_KIND_STATE, NULL,
					 name ? name : t ? t->name : fallback);
			if (rc < 0 || (rc = gp_entity_id(db, buf, "entity", &eid)))
				return rc;
			if (created)
				*created = 1;
		} else if (rc) {
			return rc;
		}
		if ((rc = gp_xref_add(db, buf, "cow", num)) < 0)
			return rc;
	}
	if (!abb && t)
		abb = t->abb;
	/* The abbreviation is a courtesy: if another entity holds it already
	 * (a dataset that maps it differently), keep that one. */
	if (abb && *abb && !gp_xref_lookup(db, "cow-abb", abb) &&
	    (rc = gp_xref_add(db, buf, "cow-abb", abb)) < 0)
		return rc;
	r->cow_id[ccode] = eid;
	*code = buf;
	if (id)
		*id = eid;
	return GEOPOL_OK;
}

static int iso_index(const char *a)
{
	int idx = 0;
	for (int i = 0; i < 3; i++) {
		if (a[i] < 'A' || a[i] > 'Z')
			return -1;
		idx = idx * 26 + (a[i] - 'A');
	}
	return a[3] == '\0' ? idx : -1;
}

int gp_resolve_iso(gp_resolver *r, const char *alpha3, const char **code)
{
	*code = NULL;
	int idx = iso_index(alpha3);
	if (idx < 0)
		return GEOPOL_OK;
	const gp_iso_country *c = NULL;
	if (r->iso_state[idx] == NONE)
		return GEOPOL_OK;
	c = gp_iso_by_alpha3(alpha3);
	if (!c) {
		r->iso_state[idx] = NONE;
		return GEOPOL_OK;
	}
	if (r->iso_state[idx] == UNSEEN) {
		int64_t id;
		int rc = gp_entity_id(r->db, c->alpha3, "entity", &id);
		if (rc == GEOPOL_ENOTFOUND)
			rc = make_entity(r->db, c->alpha3, c->state ? GEOPOL_KIND_STATE : GEOPOL_KIND_OTHER,
					 c->state ? NULL : "territory", c->common ? c->common : c->name);
		if (rc < 0)
			return rc;
		r->iso_state[idx] = KNOWN;
	}
	*code = c->alpha3;
	return GEOPOL_OK;
}

/* A state whose English name has this search key, if exactly one. */
static int lookup_name(geopol_db *db, const char *name, char *out, int *found)
{
	char *key = NULL;
	*found = 0;
	if (gp_normalize(name, strlen(name), &key))
		return GEOPOL_OK; /* not valid UTF-8: no match, the caller reports */
	sqlite3_stmt *st = gp_stmt(db,
		"SELECT DISTINCT e.code FROM name n JOIN entity e ON e.id = n.entity_id "
		"WHERE n.key = ?1 AND n.lang = 'en' AND n.rec_to = 9223372036854775807 "
		"AND e.kind = 1 LIMIT 2");
	if (!st) {
		free(key);
		return GEOPOL_EDB;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0)
			snprintf(out, CODE_SIZE, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	free(key);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "looking up a country name");
	*found = n == 1;
	return GEOPOL_OK;
}

int gp_resolve_country_name(gp_resolver *r, const char *name, const char **code)
{
	*code = NULL;
	for (size_t i = 0; i < r->n_names; i++)
		if (strcmp(r->names[i].name, name) == 0) {
			*code = r->names[i].found ? r->names[i].code : NULL;
			return GEOPOL_OK;
		}
	char found_code[CODE_SIZE] = "";
	int found = 0, rc;
	const gp_iso_country *c = gp_iso_by_name(name);
	if (c) {
		const char *iso;
		if ((rc = gp_resolve_iso(r, c->alpha3, &iso)))
			return rc;
		if (iso) {
			snprintf(found_code, sizeof found_code, "%s", iso);
			found = 1;
		}
	} else if ((rc = lookup_name(r->db, name, found_code, &found))) {
		return rc;
	}
	if (r->n_names < NAME_CACHE && strlen(name) < sizeof r->names[0].name) {
		size_t i = r->n_names++;
		snprintf(r->names[i].name, sizeof r->names[i].name, "%s", name);
		snprintf(r->names[i].code, sizeof r->names[i].code, "%s", found_code);
		r->names[i].found = found;
		*code = found ? r->names[i].code : NULL;
		return GEOPOL_OK;
	}
	/* Not cached (a long name, or a full cache): a transient answer. */
	snprintf(r->transient, sizeof r->transient, "%s", found_code);
	*code = found ? r->transient : NULL;
	return GEOPOL_OK;
}
