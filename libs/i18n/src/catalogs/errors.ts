import { defineCatalog } from '../message-catalog.js';

/*
 * Error replies. `code_<code>` (the error code lower-cased, `.` → `_`) is the text for that code,
 * with the error's details as values; `category_<category>` the plain explanation of a category
 * whose own messages carry technical detail. `code` is the footer with the stable code.
 */
export const errors = defineCatalog('errors', {
  'en-US': {
    reply: '❌ {message}\n-# {code}',
    category_unauthenticated:
      'This app could not sign in to a service it needs. An admin has been told.',
    category_rate_limited: 'Too many requests right now. Please try again in a minute.',
    category_unavailable:
      'A service this command needs is not reachable right now. Please try again soon.',
    category_internal: 'Something went wrong on our side. Please try again later.',
    code_command_unknown:
      '/{command} is not a command of this app (any more). Try again in a minute.',
    code_command_guild_only: '/{command} only works in a server.',
    code_command_invalid_option: '{issues}',
    code_component_not_yours: 'Only the member who ran the command can use these buttons.',
    code_component_invalid:
      'This button is no longer valid. Use `/kaltura-list` to find the active meetings.',
    code_permission_denied:
      '{reason, select, command_disabled {/{command} is disabled on this server.} feature_disabled {/{command} needs a feature that is turned off on this server.} other {/{command} needs one of: {required}.}}',
    code_feature_disabled:
      '{feature, select, video_search {Video searches are} recordings {Recordings are} webinars {Webinars are} classrooms {Classrooms are} other {This feature is}} turned off on this server (`features.{feature}`).',
    code_meeting_not_found: 'There is no meeting "{meetingId}" in this server.',
    code_meeting_already_ended: 'Meeting {meetingId} has already ended.',
    code_meeting_ended: 'Meeting {meetingId} has ended; start a new one.',
    code_meeting_end_forbidden:
      'You cannot end it: only the owner of meeting {meetingId}, or a member allowed to end other people’s meetings, can end it.',
    code_meeting_start_rate_limited:
      '{scope, select, user {You have} other {This server has}} started {limit, plural, one {# meeting} other {# meetings}} in the last {window}. Try again in {retry}.',
    code_kaltura_invalid_query: 'The search text is empty.',
    code_stats_no_data:
      'No activity recorded for this server yet: use a few commands and try again later.',
    code_config_unknown_section:
      'There is no settings section `{section}`.{hasSuggestions, select, yes { Did you mean {suggestions}?} other {}}',
    code_config_unknown_key:
      '{reason, select, group {`{key}` is a group; name one of its keys: {suggestions}.} not_role_id {`{key}` does not name a role: use {suggestions}.} other {There is no setting `{key}`.{hasSuggestions, select, yes { Did you mean {suggestions}?} other {}}}}',
    code_config_invalid_value: '`{key}` cannot be set to that: {problem}. Expected {expected}.',
    code_config_conflict:
      'The settings of this server were changing at the same time ({attempts} attempts). Please try again.',
    permission: 'the {name} permission',
    role: 'the <@&{roleId}> role',
  },
  de: {
    reply: '❌ {message}\n-# {code}',
    category_unauthenticated:
      'Diese App konnte sich bei einem benötigten Dienst nicht anmelden. Ein Admin wurde benachrichtigt.',
    category_rate_limited:
      'Gerade gibt es zu viele Anfragen. Bitte versuche es in einer Minute erneut.',
    category_unavailable:
      'Ein Dienst, den dieser Befehl braucht, ist gerade nicht erreichbar. Bitte versuche es bald erneut.',
    category_internal: 'Bei uns ist etwas schiefgelaufen. Bitte versuche es später erneut.',
    code_command_unknown:
      '/{command} ist kein Befehl dieser App (mehr). Versuche es in einer Minute erneut.',
    code_command_guild_only: '/{command} funktioniert nur auf einem Server.',
    code_command_invalid_option: 'Einige Optionen sind ungültig: {issues}',
    code_component_not_yours:
      'Nur das Mitglied, das den Befehl ausgeführt hat, kann diese Schaltflächen nutzen.',
    code_component_invalid:
      'Dieser Button ist nicht mehr gültig. Mit `/kaltura-list` findest du die aktiven Meetings.',
    code_permission_denied:
      '{reason, select, command_disabled {/{command} ist auf diesem Server deaktiviert.} feature_disabled {/{command} braucht eine Funktion, die auf diesem Server ausgeschaltet ist.} other {/{command} erfordert eines davon: {required}.}}',
    code_feature_disabled:
      '{feature, select, video_search {Videosuchen sind} recordings {Aufzeichnungen sind} webinars {Webinare sind} classrooms {Kursräume sind} other {Diese Funktion ist}} auf diesem Server ausgeschaltet (`features.{feature}`).',
    code_meeting_not_found: 'Auf diesem Server gibt es kein Meeting „{meetingId}“.',
    code_meeting_already_ended: 'Das Meeting {meetingId} ist bereits beendet.',
    code_meeting_ended: 'Das Meeting {meetingId} ist beendet; starte ein neues.',
    code_meeting_end_forbidden:
      'Nur der Gastgeber des Meetings {meetingId} oder ein Mitglied, das die Meetings anderer beenden darf, kann es beenden.',
    code_meeting_start_rate_limited:
      '{scope, select, user {Du hast} other {Dieser Server hat}} in den letzten {window} {limit, plural, one {# Meeting} other {# Meetings}} gestartet. Versuche es in {retry} erneut.',
    code_kaltura_invalid_query: 'Der Suchtext ist leer.',
    code_stats_no_data:
      'Für diesen Server wurde noch keine Aktivität erfasst: Nutze ein paar Befehle und versuche es später erneut.',
    code_config_unknown_section:
      'Es gibt keinen Einstellungsbereich `{section}`.{hasSuggestions, select, yes { Meintest du {suggestions}?} other {}}',
    code_config_unknown_key:
      '{reason, select, group {`{key}` ist eine Gruppe; nenne einen ihrer Schlüssel: {suggestions}.} not_role_id {`{key}` nennt keine Rolle: verwende {suggestions}.} other {Es gibt keine Einstellung `{key}`.{hasSuggestions, select, yes { Meintest du {suggestions}?} other {}}}}',
    code_config_invalid_value:
      '`{key}` kann nicht darauf gesetzt werden: {problem}. Erwartet: {expected}.',
    code_config_conflict:
      'Die Einstellungen dieses Servers wurden gleichzeitig geändert ({attempts} Versuche). Bitte versuche es erneut.',
    permission: 'die Berechtigung {name}',
    role: 'die Rolle <@&{roleId}>',
  },
  'es-ES': {
    reply: '❌ {message}\n-# {code}',
    category_unauthenticated:
      'Esta aplicación no pudo iniciar sesión en un servicio que necesita. Se ha avisado a un administrador.',
    category_rate_limited:
      'Hay demasiadas solicitudes ahora mismo. Inténtalo de nuevo dentro de un minuto.',
    category_unavailable:
      'Un servicio que necesita este comando no está disponible ahora mismo. Inténtalo de nuevo pronto.',
    category_internal: 'Algo ha fallado por nuestra parte. Inténtalo de nuevo más tarde.',
    code_command_unknown:
      '/{command} no es (o ya no es) un comando de esta aplicación. Inténtalo de nuevo dentro de un minuto.',
    code_command_guild_only: '/{command} solo funciona en un servidor.',
    code_command_invalid_option: 'Algunas opciones no son válidas: {issues}',
    code_component_not_yours: 'Solo el miembro que ejecutó el comando puede usar estos botones.',
    code_component_invalid:
      'Este botón ya no es válido. Usa `/kaltura-list` para ver las reuniones activas.',
    code_permission_denied:
      '{reason, select, command_disabled {/{command} está desactivado en este servidor.} feature_disabled {/{command} necesita una función que está desactivada en este servidor.} other {/{command} requiere uno de estos: {required}.}}',
    code_feature_disabled:
      '{feature, select, video_search {Las búsquedas de vídeo están desactivadas} recordings {Las grabaciones están desactivadas} webinars {Los seminarios web están desactivados} classrooms {Las aulas están desactivadas} other {Esta función está desactivada}} en este servidor (`features.{feature}`).',
    code_meeting_not_found: 'No hay ninguna reunión «{meetingId}» en este servidor.',
    code_meeting_already_ended: 'La reunión {meetingId} ya ha finalizado.',
    code_meeting_ended: 'La reunión {meetingId} ha finalizado; inicia una nueva.',
    code_meeting_end_forbidden:
      'Solo el anfitrión de la reunión {meetingId}, o un miembro que pueda finalizar reuniones de otros, puede finalizarla.',
    code_meeting_start_rate_limited:
      '{scope, select, user {Has iniciado} other {Este servidor ha iniciado}} {limit, plural, one {# reunión} other {# reuniones}} en los últimos {window}. Inténtalo de nuevo dentro de {retry}.',
    code_kaltura_invalid_query: 'El texto de búsqueda está vacío.',
    code_stats_no_data:
      'Aún no hay actividad registrada en este servidor: usa algunos comandos e inténtalo de nuevo más tarde.',
    code_config_unknown_section:
      'No existe la sección de ajustes `{section}`.{hasSuggestions, select, yes { ¿Quisiste decir {suggestions}?} other {}}',
    code_config_unknown_key:
      '{reason, select, group {`{key}` es un grupo; indica una de sus claves: {suggestions}.} not_role_id {`{key}` no indica un rol: usa {suggestions}.} other {No existe el ajuste `{key}`.{hasSuggestions, select, yes { ¿Quisiste decir {suggestions}?} other {}}}}',
    code_config_invalid_value: '`{key}` no admite ese valor: {problem}. Se espera {expected}.',
    code_config_conflict:
      'Los ajustes de este servidor estaban cambiando a la vez ({attempts} intentos). Inténtalo de nuevo.',
    permission: 'el permiso {name}',
    role: 'el rol <@&{roleId}>',
  },
  fr: {
    reply: '❌ {message}\n-# {code}',
    category_unauthenticated:
      'Cette application n’a pas pu se connecter à un service dont elle a besoin. Un administrateur a été prévenu.',
    category_rate_limited: 'Trop de requêtes en ce moment. Réessayez dans une minute.',
    category_unavailable:
      'Un service nécessaire à cette commande est injoignable pour le moment. Réessayez bientôt.',
    category_internal: 'Une erreur est survenue de notre côté. Réessayez plus tard.',
    code_command_unknown:
      '/{command} n’est pas (ou plus) une commande de cette application. Réessayez dans une minute.',
    code_command_guild_only: '/{command} ne fonctionne que sur un serveur.',
    code_command_invalid_option: 'Certaines options ne sont pas valides : {issues}',
    code_component_not_yours: 'Seul le membre qui a lancé la commande peut utiliser ces boutons.',
    code_component_invalid:
      'Ce bouton n’est plus valide. Utilisez `/kaltura-list` pour trouver les réunions en cours.',
    code_permission_denied:
      '{reason, select, command_disabled {/{command} est désactivée sur ce serveur.} feature_disabled {/{command} nécessite une fonctionnalité désactivée sur ce serveur.} other {/{command} nécessite l’un de ces éléments : {required}.}}',
    code_feature_disabled:
      '{feature, select, video_search {Les recherches de vidéos sont désactivées} recordings {Les enregistrements sont désactivés} webinars {Les webinaires sont désactivés} classrooms {Les classes sont désactivées} other {Cette fonctionnalité est désactivée}} sur ce serveur (`features.{feature}`).',
    code_meeting_not_found: 'Il n’y a pas de réunion « {meetingId} » sur ce serveur.',
    code_meeting_already_ended: 'La réunion {meetingId} est déjà terminée.',
    code_meeting_ended: 'La réunion {meetingId} est terminée ; lancez-en une nouvelle.',
    code_meeting_end_forbidden:
      'Seul l’organisateur de la réunion {meetingId}, ou un membre autorisé à terminer les réunions des autres, peut la terminer.',
    code_meeting_start_rate_limited:
      '{scope, select, user {Vous avez lancé} other {Ce serveur a lancé}} {limit, plural, one {# réunion} other {# réunions}} au cours des dernières {window}. Réessayez dans {retry}.',
    code_kaltura_invalid_query: 'Le texte de recherche est vide.',
    code_stats_no_data:
      'Aucune activité enregistrée pour ce serveur pour l’instant : utilisez quelques commandes et réessayez plus tard.',
    code_config_unknown_section:
      'Il n’existe pas de section de paramètres `{section}`.{hasSuggestions, select, yes { Vouliez-vous dire {suggestions} ?} other {}}',
    code_config_unknown_key:
      '{reason, select, group {`{key}` est un groupe ; indiquez l’une de ses clés : {suggestions}.} not_role_id {`{key}` ne désigne pas un rôle : utilisez {suggestions}.} other {Il n’existe pas de paramètre `{key}`.{hasSuggestions, select, yes { Vouliez-vous dire {suggestions} ?} other {}}}}',
    code_config_invalid_value:
      '`{key}` ne peut pas prendre cette valeur : {problem}. Attendu : {expected}.',
    code_config_conflict:
      'Les paramètres de ce serveur changeaient en même temps ({attempts} tentatives). Veuillez réessayer.',
    permission: 'la permission {name}',
    role: 'le rôle <@&{roleId}>',
  },
  'pt-BR': {
    reply: '❌ {message}\n-# {code}',
    category_unauthenticated:
      'Este app não conseguiu entrar em um serviço de que precisa. Um administrador foi avisado.',
    category_rate_limited: 'Muitas solicitações no momento. Tente novamente em um minuto.',
    category_unavailable:
      'Um serviço de que este comando precisa não está acessível agora. Tente novamente em breve.',
    category_internal: 'Algo deu errado do nosso lado. Tente novamente mais tarde.',
    code_command_unknown:
      '/{command} não é (mais) um comando deste app. Tente novamente em um minuto.',
    code_command_guild_only: '/{command} só funciona em um servidor.',
    code_command_invalid_option: 'Algumas opções não são válidas: {issues}',
    code_component_not_yours: 'Só o membro que executou o comando pode usar estes botões.',
    code_component_invalid:
      'Este botão não é mais válido. Use `/kaltura-list` para encontrar as reuniões ativas.',
    code_permission_denied:
      '{reason, select, command_disabled {/{command} está desativado neste servidor.} feature_disabled {/{command} precisa de um recurso que está desativado neste servidor.} other {/{command} exige um destes: {required}.}}',
    code_feature_disabled:
      '{feature, select, video_search {As buscas de vídeo estão desativadas} recordings {As gravações estão desativadas} webinars {Os webinars estão desativados} classrooms {As salas de aula estão desativadas} other {Este recurso está desativado}} neste servidor (`features.{feature}`).',
    code_meeting_not_found: 'Não há nenhuma reunião “{meetingId}” neste servidor.',
    code_meeting_already_ended: 'A reunião {meetingId} já foi encerrada.',
    code_meeting_ended: 'A reunião {meetingId} foi encerrada; inicie uma nova.',
    code_meeting_end_forbidden:
      'Só o anfitrião da reunião {meetingId}, ou um membro autorizado a encerrar reuniões de outras pessoas, pode encerrá-la.',
    code_meeting_start_rate_limited:
      '{scope, select, user {Você iniciou} other {Este servidor iniciou}} {limit, plural, one {# reunião} other {# reuniões}} nos últimos {window}. Tente novamente em {retry}.',
    code_kaltura_invalid_query: 'O texto da busca está vazio.',
    code_stats_no_data:
      'Ainda não há atividade registrada neste servidor: use alguns comandos e tente novamente mais tarde.',
    code_config_unknown_section:
      'Não existe a seção de configurações `{section}`.{hasSuggestions, select, yes { Você quis dizer {suggestions}?} other {}}',
    code_config_unknown_key:
      '{reason, select, group {`{key}` é um grupo; informe uma de suas chaves: {suggestions}.} not_role_id {`{key}` não indica um cargo: use {suggestions}.} other {Não existe a configuração `{key}`.{hasSuggestions, select, yes { Você quis dizer {suggestions}?} other {}}}}',
    code_config_invalid_value: '`{key}` não aceita esse valor: {problem}. Esperado: {expected}.',
    code_config_conflict:
      'As configurações deste servidor estavam mudando ao mesmo tempo ({attempts} tentativas). Tente novamente.',
    permission: 'a permissão {name}',
    role: 'o cargo <@&{roleId}>',
  },
});
