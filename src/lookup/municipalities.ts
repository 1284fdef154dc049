/**
 * Norway's municipalities by county, as from 1 January 2024 (15 counties, 357 municipalities): Statistics
 * Norway's classifications 131 (kommuneinndeling) and 104 (fylkesinndeling) valid from 2024-01-01, the county
 * being the first two digits of the municipality's number. Written down here, not fetched: Gjerde runs
 * offline, and no npm or Debian package carries the list (docs/format.md, «Kommuner»). A municipality with a
 * Sámi name too is listed under both. Where two municipalities share a name (Herøy, Våler) the name is in
 * both counties.
 */
const byCounty: Record<string, string> = {
  Oslo: 'Oslo',
  Rogaland:
    'Eigersund, Stavanger, Haugesund, Sandnes, Sokndal, Lund, Bjerkreim, Hå, Klepp, Time, Gjesdal, Sola, Randaberg, Strand, Hjelmeland, Suldal, Sauda, Kvitsøy, Bokn, Tysvær, Karmøy, Utsira, Vindafjord',
  'Møre og Romsdal':
    'Kristiansund, Molde, Ålesund, Vanylven, Sande, Herøy, Ulstein, Hareid, Ørsta, Stranda, Sykkylven, Sula, Giske, Vestnes, Rauma, Aukra, Averøy, Gjemnes, Tingvoll, Sunndal, Surnadal, Smøla, Aure, Volda, Fjord, Hustadvika, Haram',
  Nordland:
    'Bodø, Narvik, Bindal, Sømna, Brønnøy, Vega, Vevelstad, Herøy, Alstahaug, Leirfjord, Vefsn, Grane, Hattfjelldal, Aarborte, Dønna, Nesna, Hemnes, Rana, Lurøy, Træna, Rødøy, Meløy, Gildeskål, Beiarn, Saltdal, Fauske, Sørfold, Steigen, Lødingen, Evenes, Røst, Værøy, Flakstad, Vestvågøy, Vågan, Hadsel, Bø, Øksnes, Sortland, Andøy, Moskenes, Hamarøy, Hábmer',
  Østfold:
    'Halden, Moss, Sarpsborg, Fredrikstad, Hvaler, Råde, Våler, Skiptvet, Indre Østfold, Rakkestad, Marker, Aremark',
  Akershus:
    'Bærum, Asker, Lillestrøm, Nordre Follo, Ullensaker, Nesodden, Frogn, Vestby, Ås, Enebakk, Lørenskog, Rælingen, Aurskog-Høland, Nes, Gjerdrum, Nittedal, Lunner, Jevnaker, Nannestad, Eidsvoll, Hurdal',
  Buskerud:
    'Drammen, Kongsberg, Ringerike, Hole, Lier, Øvre Eiker, Modum, Krødsherad, Flå, Nesbyen, Gol, Hemsedal, Ål, Hol, Sigdal, Flesberg, Rollag, Nore og Uvdal',
  Innlandet:
    'Kongsvinger, Hamar, Lillehammer, Gjøvik, Ringsaker, Løten, Stange, Nord-Odal, Sør-Odal, Eidskog, Grue, Åsnes, Våler, Elverum, Trysil, Åmot, Stor-Elvdal, Rendalen, Engerdal, Tolga, Tynset, Alvdal, Folldal, Os, Dovre, Lesja, Skjåk, Lom, Vågå, Nord-Fron, Sel, Sør-Fron, Ringebu, Øyer, Gausdal, Østre Toten, Vestre Toten, Gran, Søndre Land, Nordre Land, Sør-Aurdal, Etnedal, Nord-Aurdal, Vestre Slidre, Øystre Slidre, Vang',
  Vestfold: 'Horten, Holmestrand, Tønsberg, Sandefjord, Larvik, Færder',
  Telemark:
    'Porsgrunn, Skien, Notodden, Siljan, Bamble, Kragerø, Drangedal, Nome, Midt-Telemark, Seljord, Hjartdal, Tinn, Kviteseid, Nissedal, Fyresdal, Tokke, Vinje',
  Agder:
    'Risør, Grimstad, Arendal, Kristiansand, Lindesnes, Farsund, Flekkefjord, Gjerstad, Vegårshei, Tvedestrand, Froland, Lillesand, Birkenes, Åmli, Iveland, Evje og Hornnes, Bygland, Valle, Bykle, Vennesla, Åseral, Lyngdal, Hægebostad, Kvinesdal, Sirdal',
  Vestland:
    'Bergen, Kinn, Etne, Sveio, Bømlo, Stord, Fitjar, Tysnes, Kvinnherad, Ullensvang, Eidfjord, Ulvik, Voss, Kvam, Samnanger, Bjørnafjorden, Austevoll, Øygarden, Askøy, Vaksdal, Modalen, Osterøy, Alver, Austrheim, Fedje, Masfjorden, Gulen, Solund, Hyllestad, Høyanger, Vik, Sogndal, Aurland, Lærdal, Årdal, Luster, Askvoll, Fjaler, Sunnfjord, Bremanger, Stad, Gloppen, Stryn',
  Trøndelag:
    'Trondheim, Steinkjer, Namsos, Frøya, Osen, Oppdal, Rennebu, Røros, Holtålen, Midtre Gauldal, Melhus, Skaun, Malvik, Selbu, Tydal, Meråker, Stjørdal, Frosta, Levanger, Verdal, Snåsa, Snåase, Lierne, Røyrvik, Raarvihke, Namsskogan, Grong, Høylandet, Overhalla, Flatanger, Leka, Inderøy, Indre Fosen, Heim, Hitra, Ørland, Åfjord, Orkland, Nærøysund, Rindal',
  Troms:
    'Tromsø, Harstad, Kvæfjord, Tjeldsund, Dielddanuorri, Ibestad, Gratangen, Lavangen, Loabák, Bardu, Salangen, Målselv, Sørreisa, Dyrøy, Senja, Balsfjord, Karlsøy, Lyngen, Storfjord, Kåfjord, Gáivuotna, Skjervøy, Nordreisa, Kvænangen',
  Finnmark:
    'Alta, Hammerfest, Sør-Varanger, Vadsø, Karasjok, Kárášjohka, Kautokeino, Guovdageaidnu, Loppa, Hasvik, Måsøy, Nordkapp, Porsanger, Lebesby, Gamvik, Tana, Deatnu, Berlevåg, Båtsfjord, Vardø, Nesseby, Unjárga',
};

/** Each municipality's name and the counties it lies in (two for a name two municipalities share). */
export const municipalityCounties: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [county, names] of Object.entries(byCounty))
    for (const name of names.split(', ')) map.set(name, [...(map.get(name) ?? []), county]);
  return map;
})();
