import { defineCatalog } from '../message-catalog.js';

// {when} is a Discord timestamp (`<t:…:F>`), shown in each reader's own time zone and language.
export const schedule = defineCatalog('schedule', {
  'en-US': {
    scheduled:
      '📅 **{title}** is scheduled for {when} ({minutes, plural, one {# minute} other {# minutes}}). Press **Join** when it starts, or use `/kaltura-join meeting-id:{meetingId}`.',
    event_created: 'A Discord event was created: mark yourself as interested to get notified.',
    event_missing_permission:
      'I could not create a Discord event: the bot needs the **Manage Events** permission. The meeting works anyway.',
    event_failed: 'Discord did not create an event for this meeting. The meeting works anyway.',
    host_link: 'Your moderator link, only for you:',
    location: 'Discord #{channel} — use /kaltura-join',
    location_no_channel: 'Discord — use /kaltura-join',
    unparsable:
      'I could not read “{when}” as a time. Try `2026-12-24 18:00`, `tomorrow 18:00`, `in 2 hours` or `friday 17:30` (server time zone: {zone}).',
    past: '“{when}” is in the past. Pick a time that is still ahead (server time zone: {zone}).',
    nonexistent:
      '“{when}” does not exist in {zone}: the clocks change at that time. Pick another time.',
    too_far: '“{when}” is more than a year ahead. Pick a time within the next year.',
    duration_too_long:
      'A meeting can last at most 24 hours (1440 minutes); you asked for {minutes, plural, one {# minute} other {# minutes}}.',
    canceled: 'Canceled **{title}**. Nobody can start or join it now.',
  },
  de: {
    scheduled:
      '📅 **{title}** ist für {when} geplant ({minutes, plural, one {# Minute} other {# Minuten}}). Drücke **Join**, wenn es losgeht, oder nutze `/kaltura-join meeting-id:{meetingId}`.',
    event_created:
      'Ein Discord-Event wurde erstellt: Markiere dich als interessiert, um benachrichtigt zu werden.',
    event_missing_permission:
      'Ich konnte kein Discord-Event erstellen: Der Bot braucht die Berechtigung **Events verwalten**. Das Meeting funktioniert trotzdem.',
    event_failed:
      'Discord hat für dieses Meeting kein Event erstellt. Das Meeting funktioniert trotzdem.',
    host_link: 'Dein Moderationslink, nur für dich:',
    location: 'Discord #{channel} — nutze /kaltura-join',
    location_no_channel: 'Discord — nutze /kaltura-join',
    unparsable:
      'Ich konnte „{when}“ nicht als Zeitpunkt lesen. Versuche `2026-12-24 18:00`, `morgen 18:00`, `in 2 Stunden` oder `Freitag 17:30` (Zeitzone des Servers: {zone}).',
    past: '„{when}“ liegt in der Vergangenheit. Wähle einen Zeitpunkt in der Zukunft (Zeitzone des Servers: {zone}).',
    nonexistent:
      '„{when}“ gibt es in {zone} nicht: Zu dieser Zeit wird die Uhr umgestellt. Wähle eine andere Zeit.',
    too_far:
      '„{when}“ liegt mehr als ein Jahr in der Zukunft. Wähle einen Zeitpunkt innerhalb des nächsten Jahres.',
    duration_too_long:
      'Ein Meeting darf höchstens 24 Stunden (1440 Minuten) dauern; du hast {minutes, plural, one {# Minute} other {# Minuten}} angegeben.',
    canceled: '**{title}** wurde abgesagt. Niemand kann es jetzt noch starten oder betreten.',
  },
  'es-ES': {
    scheduled:
      '📅 **{title}** está programada para {when} ({minutes, plural, one {# minuto} other {# minutos}}). Pulsa **Join** cuando empiece o usa `/kaltura-join meeting-id:{meetingId}`.',
    event_created:
      'Se ha creado un evento de Discord: márcate como interesado para recibir un aviso.',
    event_missing_permission:
      'No he podido crear un evento de Discord: el bot necesita el permiso **Gestionar eventos**. La reunión funciona igualmente.',
    event_failed:
      'Discord no ha creado un evento para esta reunión. La reunión funciona igualmente.',
    host_link: 'Tu enlace de moderador, solo para ti:',
    location: 'Discord #{channel} — usa /kaltura-join',
    location_no_channel: 'Discord — usa /kaltura-join',
    unparsable:
      'No he podido entender «{when}» como una hora. Prueba `2026-12-24 18:00`, `mañana 18:00`, `en 2 horas` o `viernes 17:30` (zona horaria del servidor: {zone}).',
    past: '«{when}» ya ha pasado. Elige una hora futura (zona horaria del servidor: {zone}).',
    nonexistent: '«{when}» no existe en {zone}: a esa hora se cambia el reloj. Elige otra hora.',
    too_far: '«{when}» está a más de un año vista. Elige una fecha dentro del próximo año.',
    duration_too_long:
      'Una reunión puede durar como máximo 24 horas (1440 minutos); has pedido {minutes, plural, one {# minuto} other {# minutos}}.',
    canceled: 'Se ha cancelado **{title}**. Ya nadie puede iniciarla ni unirse.',
  },
  fr: {
    scheduled:
      '📅 **{title}** est prévue le {when} ({minutes, plural, one {# minute} other {# minutes}}). Appuyez sur **Join** au début, ou utilisez `/kaltura-join meeting-id:{meetingId}`.',
    event_created:
      'Un événement Discord a été créé : indiquez que vous êtes intéressé pour être prévenu.',
    event_missing_permission:
      'Je n’ai pas pu créer d’événement Discord : le bot a besoin de la permission **Gérer les événements**. La réunion fonctionne quand même.',
    event_failed:
      'Discord n’a pas créé d’événement pour cette réunion. La réunion fonctionne quand même.',
    host_link: 'Votre lien de modérateur, rien que pour vous :',
    location: 'Discord #{channel} — utilisez /kaltura-join',
    location_no_channel: 'Discord — utilisez /kaltura-join',
    unparsable:
      'Je n’ai pas compris « {when} » comme une heure. Essayez `2026-12-24 18:00`, `demain 18h`, `dans 2 heures` ou `vendredi 17h30` (fuseau horaire du serveur : {zone}).',
    past: '« {when} » est déjà passé. Choisissez une heure à venir (fuseau horaire du serveur : {zone}).',
    nonexistent:
      '« {when} » n’existe pas dans {zone} : l’heure change à ce moment-là. Choisissez une autre heure.',
    too_far: '« {when} » est à plus d’un an. Choisissez une date dans l’année qui vient.',
    duration_too_long:
      'Une réunion dure au plus 24 heures (1440 minutes) ; vous avez demandé {minutes, plural, one {# minute} other {# minutes}}.',
    canceled: '**{title}** est annulée. Personne ne peut plus la démarrer ni la rejoindre.',
  },
  'pt-BR': {
    scheduled:
      '📅 **{title}** está agendada para {when} ({minutes, plural, one {# minuto} other {# minutos}}). Aperte **Join** quando começar ou use `/kaltura-join meeting-id:{meetingId}`.',
    event_created: 'Um evento do Discord foi criado: marque interesse para ser avisado.',
    event_missing_permission:
      'Não consegui criar um evento do Discord: o bot precisa da permissão **Gerenciar eventos**. A reunião funciona mesmo assim.',
    event_failed:
      'O Discord não criou um evento para esta reunião. A reunião funciona mesmo assim.',
    host_link: 'Seu link de moderador, só para você:',
    location: 'Discord #{channel} — use /kaltura-join',
    location_no_channel: 'Discord — use /kaltura-join',
    unparsable:
      'Não consegui entender “{when}” como um horário. Tente `2026-12-24 18:00`, `amanhã 18:00`, `em 2 horas` ou `sexta 17:30` (fuso horário do servidor: {zone}).',
    past: '“{when}” já passou. Escolha um horário futuro (fuso horário do servidor: {zone}).',
    nonexistent:
      '“{when}” não existe em {zone}: o relógio muda nesse horário. Escolha outro horário.',
    too_far: '“{when}” está a mais de um ano. Escolha uma data dentro do próximo ano.',
    duration_too_long:
      'Uma reunião pode durar no máximo 24 horas (1440 minutos); você pediu {minutes, plural, one {# minuto} other {# minutos}}.',
    canceled: '**{title}** foi cancelada. Ninguém pode mais iniciá-la nem entrar.',
  },
});
