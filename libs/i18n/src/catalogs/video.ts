import { defineCatalog } from '../message-catalog.js';

/** Replies of /kaltura-video-search. */
export const video = defineCatalog('video', {
  'en-US': {
    nothing_searchable:
      'This server has no videos to search yet. Search covers the recordings of meetings held here (they appear once Kaltura reports them ready) and Kaltura categories the bot operator has shared with this server; ask the operator if you expect a library here.',
    no_results: 'No videos found among this server’s recordings and shared categories.',
    found: '{total, plural, one {# video found} other {# videos found}}; the first {shown}:',
    field_entry: 'Entry',
    field_length: 'Length',
  },
  de: {
    nothing_searchable:
      'Auf diesem Server gibt es noch keine Videos zum Durchsuchen. Die Suche umfasst die Aufzeichnungen der hier gehaltenen Meetings (sie erscheinen, sobald Kaltura sie als fertig meldet) und Kaltura-Kategorien, die der Betreiber des Bots mit diesem Server geteilt hat; frag den Betreiber, wenn du hier eine Videothek erwartest.',
    no_results:
      'Keine Videos unter den Aufzeichnungen und geteilten Kategorien dieses Servers gefunden.',
    found:
      '{total, plural, one {# Video gefunden} other {# Videos gefunden}}; {shown, plural, one {das erste:} other {die ersten #:}}',
    field_entry: 'Eintrag',
    field_length: 'Länge',
  },
  'es-ES': {
    nothing_searchable:
      'Este servidor aún no tiene vídeos en los que buscar. La búsqueda abarca las grabaciones de las reuniones celebradas aquí (aparecen cuando Kaltura las da por listas) y las categorías de Kaltura que el operador del bot ha compartido con este servidor; pregunta al operador si esperas encontrar una videoteca aquí.',
    no_results:
      'No se han encontrado vídeos entre las grabaciones y categorías compartidas de este servidor.',
    found:
      '{total, plural, one {# vídeo encontrado} other {# vídeos encontrados}}; {shown, plural, one {el primero:} other {los # primeros:}}',
    field_entry: 'Entrada',
    field_length: 'Duración',
  },
  fr: {
    nothing_searchable:
      'Ce serveur n’a pas encore de vidéos à rechercher. La recherche porte sur les enregistrements des réunions tenues ici (ils apparaissent dès que Kaltura les signale prêts) et sur les catégories Kaltura que l’opérateur du bot a partagées avec ce serveur ; demandez à l’opérateur si vous attendez une vidéothèque ici.',
    no_results:
      'Aucune vidéo trouvée parmi les enregistrements et catégories partagées de ce serveur.',
    found:
      '{total, plural, one {# vidéo trouvée} other {# vidéos trouvées}} ; {shown, plural, one {la première :} other {les # premières :}}',
    field_entry: 'Entrée',
    field_length: 'Durée',
  },
  'pt-BR': {
    nothing_searchable:
      'Este servidor ainda não tem vídeos para pesquisar. A pesquisa abrange as gravações das reuniões feitas aqui (elas aparecem quando o Kaltura as informa como prontas) e as categorias Kaltura que o operador do bot compartilhou com este servidor; pergunte ao operador se você espera uma biblioteca aqui.',
    no_results:
      'Nenhum vídeo encontrado entre as gravações e categorias compartilhadas deste servidor.',
    found:
      '{total, plural, one {# vídeo encontrado} other {# vídeos encontrados}}; {shown, plural, one {o primeiro:} other {os # primeiros:}}',
    field_entry: 'Entrada',
    field_length: 'Duração',
  },
});
