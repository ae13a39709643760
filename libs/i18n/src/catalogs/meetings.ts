import { defineCatalog } from '../message-catalog.js';

/** Replies of /kaltura-start, /kaltura-join, /kaltura-list, /kaltura-end and their autocomplete. */
export const meetings = defineCatalog('meetings', {
  'en-US': {
    created:
      'Meeting created. Press **Join** for your own link, or use `/{joinCommand} {meetingOption}:{meetingId}`.',
    moderator_link: 'Your moderator link, only for you:',
    ended: 'Ended `{meetingId}`.',
    none_active: 'No active meetings. Start one with `/{startCommand}`.',
    active_heading: '**Active meetings**',
    active_line: '`{meetingId}` **{title}** ({type}, {state}) — host <@{ownerUserId}>',
    live_state:
      '{participants, plural, =0 {live, nobody in the room} one {live, # in the room} other {live, # in the room}}',
    not_started: 'not started yet',
    scheduled_state: '📅 {start}, 🙋 {rsvps, plural, one {# interested} other {# interested}}',
    type_label:
      '{type, select, meeting {Meeting} webinar {Webinar} classroom {Classroom} other {{type}}}',
    field_type: 'Type',
    field_meeting_id: 'Meeting id',
    field_host: 'Host',
    field_join_link: 'Your join link',
    join_link_value: '[Join now]({url}) — personal, do not share',
    button_join: 'Join',
    button_end: 'End',
    autocomplete_choice: '{title} ({status, select, live {live} other {not started}})',
  },
  de: {
    created:
      'Meeting erstellt. Drücke **Beitreten** für deinen eigenen Link oder nutze `/{joinCommand} {meetingOption}:{meetingId}`.',
    moderator_link: 'Dein Moderationslink, nur für dich:',
    ended: '`{meetingId}` wurde beendet.',
    none_active: 'Keine aktiven Meetings. Starte eines mit `/{startCommand}`.',
    active_heading: '**Aktive Meetings**',
    active_line: '`{meetingId}` **{title}** ({type}, {state}) — Gastgeber <@{ownerUserId}>',
    live_state:
      '{participants, plural, =0 {live, niemand im Raum} one {live, # Person im Raum} other {live, # Personen im Raum}}',
    not_started: 'noch nicht begonnen',
    scheduled_state: '📅 {start}, 🙋 {rsvps, plural, one {# interessiert} other {# interessiert}}',
    type_label:
      '{type, select, meeting {Meeting} webinar {Webinar} classroom {Kursraum} other {{type}}}',
    field_type: 'Art',
    field_meeting_id: 'Meeting-ID',
    field_host: 'Gastgeber',
    field_join_link: 'Dein Beitrittslink',
    join_link_value: '[Jetzt beitreten]({url}) — persönlich, bitte nicht weitergeben',
    button_join: 'Beitreten',
    button_end: 'Beenden',
    autocomplete_choice: '{title} ({status, select, live {live} other {noch nicht begonnen}})',
  },
  'es-ES': {
    created:
      'Reunión creada. Pulsa **Unirse** para obtener tu propio enlace, o usa `/{joinCommand} {meetingOption}:{meetingId}`.',
    moderator_link: 'Tu enlace de moderador, solo para ti:',
    ended: 'Se ha finalizado `{meetingId}`.',
    none_active: 'No hay reuniones activas. Inicia una con `/{startCommand}`.',
    active_heading: '**Reuniones activas**',
    active_line: '`{meetingId}` **{title}** ({type}, {state}) — anfitrión <@{ownerUserId}>',
    live_state:
      '{participants, plural, =0 {en directo, nadie en la sala} one {en directo, # persona en la sala} other {en directo, # personas en la sala}}',
    not_started: 'aún no ha empezado',
    scheduled_state: '📅 {start}, 🙋 {rsvps, plural, one {# interesado} other {# interesados}}',
    type_label:
      '{type, select, meeting {Reunión} webinar {Seminario web} classroom {Aula} other {{type}}}',
    field_type: 'Tipo',
    field_meeting_id: 'ID de la reunión',
    field_host: 'Anfitrión',
    field_join_link: 'Tu enlace para unirte',
    join_link_value: '[Unirse ahora]({url}) — personal, no lo compartas',
    button_join: 'Unirse',
    button_end: 'Finalizar',
    autocomplete_choice: '{title} ({status, select, live {en directo} other {sin empezar}})',
  },
  fr: {
    created:
      'Réunion créée. Appuyez sur **Rejoindre** pour obtenir votre propre lien, ou utilisez `/{joinCommand} {meetingOption}:{meetingId}`.',
    moderator_link: 'Votre lien de modérateur, rien que pour vous :',
    ended: '`{meetingId}` est terminée.',
    none_active: 'Aucune réunion en cours. Lancez-en une avec `/{startCommand}`.',
    active_heading: '**Réunions en cours**',
    active_line: '`{meetingId}` **{title}** ({type}, {state}) — organisé par <@{ownerUserId}>',
    live_state:
      '{participants, plural, =0 {en direct, personne dans la salle} one {en direct, # personne dans la salle} other {en direct, # personnes dans la salle}}',
    not_started: 'pas encore commencée',
    scheduled_state: '📅 {start}, 🙋 {rsvps, plural, one {# intéressé} other {# intéressés}}',
    type_label:
      '{type, select, meeting {Réunion} webinar {Webinaire} classroom {Classe} other {{type}}}',
    field_type: 'Type',
    field_meeting_id: 'Identifiant de la réunion',
    field_host: 'Organisateur',
    field_join_link: 'Votre lien pour rejoindre',
    join_link_value: '[Rejoindre maintenant]({url}) — personnel, ne le partagez pas',
    button_join: 'Rejoindre',
    button_end: 'Terminer',
    autocomplete_choice: '{title} ({status, select, live {en direct} other {pas commencée}})',
  },
  'pt-BR': {
    created:
      'Reunião criada. Toque em **Entrar** para receber seu próprio link, ou use `/{joinCommand} {meetingOption}:{meetingId}`.',
    moderator_link: 'Seu link de moderador, só para você:',
    ended: '`{meetingId}` foi encerrada.',
    none_active: 'Nenhuma reunião ativa. Inicie uma com `/{startCommand}`.',
    active_heading: '**Reuniões ativas**',
    active_line: '`{meetingId}` **{title}** ({type}, {state}) — anfitrião <@{ownerUserId}>',
    live_state:
      '{participants, plural, =0 {ao vivo, ninguém na sala} one {ao vivo, # pessoa na sala} other {ao vivo, # pessoas na sala}}',
    not_started: 'ainda não começou',
    scheduled_state: '📅 {start}, 🙋 {rsvps, plural, one {# interessado} other {# interessados}}',
    type_label:
      '{type, select, meeting {Reunião} webinar {Webinar} classroom {Sala de aula} other {{type}}}',
    field_type: 'Tipo',
    field_meeting_id: 'ID da reunião',
    field_host: 'Anfitrião',
    field_join_link: 'Seu link para entrar',
    join_link_value: '[Entrar agora]({url}) — pessoal, não compartilhe',
    button_join: 'Entrar',
    button_end: 'Encerrar',
    autocomplete_choice: '{title} ({status, select, live {ao vivo} other {não começou}})',
  },
});
