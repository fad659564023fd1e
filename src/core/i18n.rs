//! Languages and the text catalogue shared by the core and the shell.
//!
//! Every user-visible string has a [`Text`] key with a Spanish and an English version; errors
//! from the core carry keys (or render themselves through [`Lang`]) so the shell never
//! hard-codes prose.

use std::fmt;

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// Spanish (the course's language).
    Es,
    /// English.
    #[default]
    En,
}

impl Lang {
    /// All languages, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    /// The BCP 47 code used in `?lang=` and in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// Parses a language tag such as `es`, `es-MX` or `EN_us`; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Reads `lang=` from a URL query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> Option<Lang> {
        query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == "lang")
            .and_then(|(_, value)| Lang::from_tag(value))
    }

    /// Chooses the language: the URL wins, then the browser's preferences, then English.
    pub fn choose<'a>(query: &str, preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        Lang::from_query(query)
            .or_else(|| preferred.into_iter().find_map(Lang::from_tag))
            .unwrap_or_default()
    }

    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::Es => Lang::En,
            Lang::En => Lang::Es,
        }
    }

    /// Looks up a text in this language (from the main catalogue or a view's own, such as
    /// [`class::ClassText`], whose texts travel with that view's lazily loaded part).
    pub fn t<K: Key>(self, text: K) -> &'static str {
        text.in_lang(self)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

pub mod class;

/// Messages with values, each sentence whole in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg<'a> {
    /// `?lesson=` names no lesson.
    UnknownLesson(&'a str),
    /// `?view=` names no view.
    UnknownView(&'a str),
    /// `?mode=` names no mode.
    UnknownMode(&'a str),
    /// A shared run is being rebuilt: how far, in percent.
    OpeningShared(u8),
    /// A shared run was opened, stopped at this time (`12.5 s`).
    SharedOpened(&'a str),
    /// A capture was saved with this many MQTT packets.
    CaptureSaved(usize),
    /// A message reached `delivered` of the `matched` subscribers its filters matched.
    DeliveredOf {
        /// Delivered or queued.
        delivered: usize,
        /// Whose filters matched.
        matched: usize,
    },
    /// Where the scrubber stands: the time, the event's number of all and what it was.
    ScrubPoint {
        /// The virtual time (`12.400 s`).
        at: &'a str,
        /// Events up to here.
        index: u64,
        /// Events in the run.
        total: u64,
        /// What the last event was (a catalogue label), if any.
        what: Option<&'a str>,
    },
    /// The scrubber's position, shown beside it.
    ScrubCount {
        /// Events up to here.
        index: u64,
        /// Events in the run.
        total: u64,
    },
    /// An arrow of the sequence diagram, for a screen reader.
    Arrow {
        /// The packet (`PUBLISH QoS 1`).
        label: &'a str,
        /// Who sends it.
        from: &'a str,
        /// Who it goes to.
        to: &'a str,
        /// When it leaves.
        at: &'a str,
        /// Lost on the way.
        lost: bool,
    },
}

impl Msg<'_> {
    /// The sentence in a language.
    pub fn render(self, lang: Lang) -> String {
        use Msg::*;
        match (self, lang) {
            (UnknownLesson(v), Lang::Es) => format!("El enlace pide la lección «{v}», que no existe: se abre el juego libre."),
            (UnknownLesson(v), Lang::En) => format!("The link asks for lesson “{v}”, which does not exist: free play opens instead."),
            (UnknownView(v), Lang::Es) => format!("El enlace pide la vista «{v}», que no existe: se muestra el diagrama de secuencia."),
            (UnknownView(v), Lang::En) => format!("The link asks for view “{v}”, which does not exist: the sequence diagram shows instead."),
            (UnknownMode(v), Lang::Es) => format!("El enlace pide el modo «{v}», que no existe: se abre el bróker simulado."),
            (UnknownMode(v), Lang::En) => format!("The link asks for mode “{v}”, which does not exist: the simulated broker opens instead."),
            (OpeningShared(p), Lang::Es) => format!("Abriendo la ejecución compartida… {p} %"),
            (OpeningShared(p), Lang::En) => format!("Opening the shared run… {p} %"),
            (SharedOpened(t), Lang::Es) => format!("Ejecución compartida abierta en {t}: pulsa ▶ para seguir."),
            (SharedOpened(t), Lang::En) => format!("Shared run opened at {t}: press ▶ to continue."),
            (CaptureSaved(n), Lang::Es) => format!("Captura guardada: {n} paquetes MQTT. Ábrela con Wireshark."),
            (CaptureSaved(n), Lang::En) => format!("Capture saved: {n} MQTT packets. Open it with Wireshark."),
            (DeliveredOf { delivered: n, matched: m }, Lang::Es) => format!("entregado a {n} de {m} suscriptores"),
            (DeliveredOf { delivered: n, matched: m }, Lang::En) => format!("delivered to {n} of {m} subscribers"),
            (ScrubPoint { at, index, total, what: Some(w) }, Lang::Es) => format!("{at}, evento {index} de {total}: {w}"),
            (ScrubPoint { at, index, total, what: Some(w) }, Lang::En) => format!("{at}, event {index} of {total}: {w}"),
            (ScrubPoint { at, total, what: None, .. }, Lang::Es) => format!("{at}, el principio (0 de {total} eventos)"),
            (ScrubPoint { at, total, what: None, .. }, Lang::En) => format!("{at}, the start (0 of {total} events)"),
            (ScrubCount { index, total }, Lang::Es) => format!("evento {index} de {total}"),
            (ScrubCount { index, total }, Lang::En) => format!("event {index} of {total}"),
            (Arrow { label, from, to, at, lost: false }, Lang::Es) => format!("{label} de {from} a {to}, a los {at}"),
            (Arrow { label, from, to, at, lost: false }, Lang::En) => format!("{label} from {from} to {to}, at {at}"),
            (Arrow { label, from, to, at, lost: true }, Lang::Es) => format!("{label} de {from} a {to}, a los {at}: se pierde por el camino"),
            (Arrow { label, from, to, at, lost: true }, Lang::En) => format!("{label} from {from} to {to}, at {at}: lost on the way"),
        }
    }
}

/// A key of a catalogue: its text in each language.
pub trait Key: Copy {
    /// The text in the given language.
    fn in_lang(self, lang: Lang) -> &'static str;
}

/// Declares a catalogue: each key with its Spanish and English text.
macro_rules! catalogue {
    ($(#[$edoc:meta])* $name:ident; $($(#[$doc:meta])* $key:ident => { es: $es:expr, en: $en:expr $(,)? }),* $(,)?) => {
        $(#[$edoc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$doc])* $key,)*
        }

        impl $name {
            /// Every key, for completeness checks.
            pub const ALL: &'static [$name] = &[$($name::$key,)*];

            /// The text in the given language.
            pub fn in_lang(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, Lang::Es) => $es, ($name::$key, Lang::En) => $en,)*
                }
            }
        }

        impl $crate::core::i18n::Key for $name {
            fn in_lang(self, lang: Lang) -> &'static str {
                $name::in_lang(self, lang)
            }
        }
    };
}
pub(crate) use catalogue;

catalogue! {
    /// A key into the main text catalogue.
    Text;
    /// The app's name.
    AppTitle => { es: "MQTT Playground", en: "MQTT Playground" },
    /// The line under the title.
    Tagline => {
        es: "Aprende MQTT viendo cómo viaja cada mensaje: del cliente al bróker y a cada suscriptor.",
        en: "Learn MQTT by watching every message travel: from client to broker to each subscriber.",
    },
    /// The language switch's label.
    LanguageLabel => { es: "Idioma", en: "Language" },
    /// The language switch button: names the language it switches to.
    SwitchLanguage => { es: "English", en: "Español" },
    /// Accessible description of the language switch.
    SwitchLanguageHint => { es: "Cambiar la interfaz a inglés", en: "Switch the interface to Spanish" },
    /// What the simulated broker is, on the start screen.
    SimulatedBrokerIntro => {
        es: "El bróker simulado funciona dentro de tu navegador: no hace falta ningún servidor.",
        en: "The simulated broker runs inside your browser: no server needed.",
    },
    /// Title of the panel shown after an internal error.
    CrashTitle => { es: "Algo ha fallado", en: "Something went wrong" },
    /// Explanation on the error panel.
    CrashBody => {
        es: "La aplicación encontró un error interno y se detuvo. Recarga la página para seguir; si vuelve a pasar, copia el detalle de abajo y envíaselo a tu profesor.",
        en: "The app hit an internal error and stopped. Reload the page to continue; if it happens again, copy the details below and send them to your teacher.",
    },
    /// The reload button on the error panel.
    Reload => { es: "Recargar", en: "Reload" },
    /// Label of the technical details on the error panel.
    CrashDetails => { es: "Detalle técnico", en: "Technical details" },
    /// Play button.
    Play => { es: "Reproducir", en: "Play" },
    /// Pause button.
    Pause => { es: "Pausa", en: "Pause" },
    /// Single-step button.
    Step => { es: "Paso", en: "Step" },
    /// Speed selector label.
    Speed => { es: "Velocidad", en: "Speed" },
    /// Virtual time label.
    VirtualTime => { es: "Tiempo simulado", en: "Simulated time" },
    /// Seed label.
    Seed => { es: "Semilla", en: "Seed" },
    /// Restart-with-same-seed button.
    Replay => { es: "Repetir desde el principio", en: "Replay from the start" },
    /// The scrubber's name: the run's timeline, to move back and forth in.
    ScrubberLabel => { es: "Línea de tiempo de la ejecución", en: "Run timeline" },
    /// How the scrubber is used with the keyboard.
    ScrubberKeys => {
        es: "← y → mueven un evento; Mayús + ← y → un intercambio de paquetes; Inicio y Fin van al principio y al final.",
        en: "← and → move one event; Shift + ← and → one packet exchange; Home and End go to the start and the end.",
    },
    /// Button: one event back.
    StepBack => { es: "Un evento atrás", en: "One event back" },
    /// Button: one event forward (on the scrubber).
    StepOn => { es: "Un evento adelante", en: "One event forward" },
    /// Badge while the run shows a past point.
    InThePast => { es: "Viendo el pasado", en: "Viewing the past" },
    /// Button: fork a new future from the point shown.
    ContinueHere => { es: "Continuar desde aquí", en: "Continue from here" },
    /// What *continue from here* does.
    ContinueHereHint => {
        es: "Empieza otro futuro desde este momento: lo que pasó después se descarta (puedes deshacerlo).",
        en: "Starts another future from this moment: what happened after it is dropped (you can undo it).",
    },
    /// Button: back to the live end of the run.
    BackToLive => { es: "Volver al presente", en: "Back to the present" },
    /// Button: undo the last fork.
    UndoFork => { es: "Deshacer el nuevo futuro", en: "Undo the new future" },
    /// Notice after a fork.
    ForkStarted => {
        es: "Nuevo futuro desde aquí: lo que pasó después se ha descartado.",
        en: "A new future from here: what happened after it was dropped.",
    },
    /// Notice after undoing a fork.
    ForkUndone => {
        es: "El futuro anterior ha vuelto; estás donde empezó el nuevo.",
        en: "The earlier future is back; you are where the new one started.",
    },
    /// Lesson selector label.
    LessonLabel => { es: "Lección", en: "Lesson" },
    /// Free play (no lesson).
    FreePlay => { es: "Juego libre (casa domótica)", en: "Free play (smart house)" },
    /// Goals heading.
    Goals => { es: "Objetivos", en: "Goals" },
    /// Hints heading.
    Hints => { es: "Pistas", en: "Hints" },
    /// A goal achieved.
    GoalDone => { es: "conseguido", en: "done" },
    /// A goal pending.
    GoalPending => { es: "pendiente", en: "pending" },
    /// Lesson completed banner.
    LessonPassed => { es: "¡Lección superada!", en: "Lesson passed!" },
    /// Devices heading.
    Devices => { es: "Dispositivos", en: "Devices" },
    /// Connect button.
    Connect => { es: "Conectar", en: "Connect" },
    /// Disconnect button.
    Disconnect => { es: "Desconectar", en: "Disconnect" },
    /// Pull the plug.
    PullPlug => { es: "Desenchufar", en: "Pull the plug" },
    /// Plug back in.
    Replug => { es: "Enchufar", en: "Plug in" },
    /// Online state.
    Online => { es: "conectado", en: "online" },
    /// Offline state.
    Offline => { es: "desconectado", en: "offline" },
    /// Connecting state.
    Connecting => { es: "conectando", en: "connecting" },
    /// Unplugged state.
    Unplugged => { es: "desenchufado", en: "unplugged" },
    /// Network diagram heading.
    Network => { es: "Red", en: "Network" },
    /// The broker.
    Broker => { es: "Bróker", en: "Broker" },
    /// Publish form heading.
    PublishHeading => { es: "Publicar", en: "Publish" },
    /// Subscribe form heading.
    SubscribeHeading => { es: "Suscribir", en: "Subscribe" },
    /// Device field.
    DeviceField => { es: "Dispositivo", en: "Device" },
    /// Topic field.
    TopicField => { es: "Tema", en: "Topic" },
    /// Filter field.
    FilterField => { es: "Filtro", en: "Filter" },
    /// Payload field.
    PayloadField => { es: "Mensaje", en: "Payload" },
    /// Retain checkbox.
    RetainField => { es: "Retener", en: "Retain" },
    /// Unsubscribe button.
    Unsubscribe => { es: "Anular", en: "Unsubscribe" },
    /// Journey heading.
    Journey => { es: "Viaje del mensaje", en: "Message journey" },
    /// Journey placeholder.
    JourneyEmpty => { es: "Elige un mensaje (una flecha de la secuencia, o su #N en el registro) para seguir su viaje.", en: "Pick a message (an arrow in the sequence, or its #N in the log) to follow its journey." },
    /// Journey: the bytes.
    PacketBytes => { es: "Bytes del PUBLISH", en: "PUBLISH bytes" },
    /// Journey: filters tried.
    FiltersTried => { es: "Filtros probados", en: "Filters tried" },
    /// Journey: subscriber column.
    Subscriber => { es: "Suscriptor", en: "Subscriber" },
    /// Journey: result column.
    Result => { es: "Resultado", en: "Result" },
    /// Matched.
    Matched => { es: "coincide", en: "matches" },
    /// Not matched.
    NotMatched => { es: "no coincide", en: "no match" },
    /// Journey: what happened next.
    Outcome => { es: "Entrega", en: "Delivery" },
    /// Export sequence diagram.
    ExportSvg => { es: "Exportar SVG", en: "Export SVG" },
    /// Timeline heading.
    Timeline => { es: "Registro", en: "Log" },
    /// Filter by device.
    FilterDevice => { es: "Dispositivo o cliente", en: "Device or client" },
    /// Filter by topic.
    FilterTopic => { es: "Tema contiene", en: "Topic contains" },
    /// Filter by kind.
    FilterKind => { es: "Tipo", en: "Kind" },
    /// Any kind.
    AnyKind => { es: "todos", en: "all" },
    /// Export CSV.
    ExportCsv => { es: "Exportar CSV", en: "Export CSV" },
    /// Export JSON.
    ExportJson => { es: "Exportar JSON", en: "Export JSON" },
    /// Events shown.
    EventsShown => { es: "eventos", en: "events" },
    /// Broker internals heading.
    BrokerInternals => { es: "Dentro del bróker", en: "Inside the broker" },
    /// Sessions.
    Sessions => { es: "Sesiones", en: "Sessions" },
    /// Persistent session.
    Persistent => { es: "persistente", en: "persistent" },
    /// Clean session.
    Clean => { es: "limpia", en: "clean" },
    /// Queue.
    Queue => { es: "Cola", en: "Queue" },
    /// In flight.
    InFlight => { es: "En vuelo", en: "In flight" },
    /// Subscriptions.
    Subscriptions => { es: "Suscripciones", en: "Subscriptions" },
    /// Retained store.
    RetainedStore => { es: "Mensajes retenidos", en: "Retained messages" },
    /// Topic tree.
    TopicTree => { es: "Árbol de temas publicados", en: "Tree of published topics" },
    /// Wildcard tester heading.
    WildcardTester => { es: "Probador de comodines", en: "Wildcard tester" },
    /// Wildcard tester: topics, one per line.
    TopicsOnePerLine => { es: "Temas (uno por línea)", en: "Topics (one per line)" },
    /// Tabs label.
    Views => { es: "Vistas", en: "Views" },
    /// Dark mode toggle.
    ThemeToggle => { es: "Cambiar tema claro/oscuro", en: "Toggle light/dark theme" },
    /// Publish form: the MQTT 5 properties' group.
    Props5 => { es: "Propiedades MQTT 5 (opcionales)", en: "MQTT 5 properties (optional)" },
    /// Publish form: Message Expiry Interval.
    ExpiryField => { es: "Caduca a los (segundos)", en: "Expires after (seconds)" },
    /// Publish form: Response Topic.
    ResponseTopicField => { es: "Tema de respuesta", en: "Response topic" },
    /// Publish form: Correlation Data.
    CorrelationField => { es: "Datos de correlación", en: "Correlation data" },
    /// Publish form: a bad expiry.
    ExpiryInvalid => { es: "La caducidad debe ser un número entero de segundos (0 a 4294967295).", en: "The expiry must be a whole number of seconds (0 to 4294967295)." },
    /// Publish form: a bad response topic.
    ResponseTopicInvalid => { es: "Tema de respuesta: {e}", en: "Response topic: {e}" },
    /// Journey: the broker did not accept the PUBLISH.
    JourneyRefused => { es: "El bróker no aceptó esta publicación: no probó ningún filtro ni la entregó a nadie. Abajo, su respuesta.", en: "The broker did not accept this publish: it tried no filter and delivered it to nobody. Below, its answer." },
    /// Journey: the reason codes of its acknowledgements, heading.
    ReasonCodes => { es: "Códigos de motivo", en: "Reason codes" },
    /// Broker tab: refused connections and broker disconnects, heading.
    Refusals => { es: "Rechazos y desconexiones", en: "Refusals and disconnects" },
    /// Broker tab: a 3.1.1 connection closed without a code.
    ClosedNoCode => { es: "conexión cerrada sin código de motivo", en: "connection closed without a reason code" },
    /// Broker tab: the column of what a 5.0 client and the broker agreed.
    Agreed5 => { es: "Acordado en MQTT 5", en: "Agreed in MQTT 5" },
    /// Broker tab: the broker's unacknowledged QoS 1/2 towards the client, of its Receive Maximum.
    WindowToClient => { es: "Al cliente: {n} de {m} sin confirmar (su Receive Maximum)", en: "To the client: {n} of {m} unacknowledged (its Receive Maximum)" },
    /// Broker tab: the client's unfinished QoS 2, of the broker's Receive Maximum.
    WindowFromClient => { es: "Del cliente: {n} de {m} QoS 2 sin terminar (Receive Maximum del bróker)", en: "From the client: {n} of {m} QoS 2 unfinished (the broker's Receive Maximum)" },
    /// Broker tab: topic aliases the client set, of the broker's maximum.
    AliasesFromClient => { es: "Alias del cliente: {n} de {m}", en: "Client's topic aliases: {n} of {m}" },
    /// Broker tab: topic aliases the broker gave, of the client's maximum.
    AliasesToClient => { es: "Alias del bróker: {n} de {m}", en: "Broker's topic aliases: {n} of {m}" },
    /// Broker tab: an offline session's countdown.
    ExpiresIn => { es: "La sesión caduca en {n} s", en: "The session expires in {n} s" },
    /// Broker tab: an online session's Session Expiry Interval.
    OutlivesBy => { es: "Sobrevive {n} s a una desconexión", en: "Outlives a disconnect by {n} s" },
    /// Broker tab: Session Expiry Interval 0.
    EndsWithConnection => { es: "La sesión termina con la conexión", en: "The session ends with the connection" },
    /// Broker tab: Session Expiry Interval 0xFFFFFFFF.
    NeverExpires => { es: "La sesión no caduca", en: "The session never expires" },
    /// Real client: topic aliases on our publishes (5.0).
    UseTopicAliases => { es: "Usar alias de tema en mis publicaciones (MQTT 5)", en: "Use topic aliases on my publishes (MQTT 5)" },
    /// Broker tab: a subscription's identifier (5.0).
    SubId => { es: "identificador {n}", en: "identifier {n}" },
    /// Broker tab: the keep-alive in force.
    KeepAliveIs => { es: "Keep-alive: {n} s", en: "Keep-alive: {n} s" },
    /// Nothing yet.
    Nothing => { es: "(nada todavía)", en: "(nothing yet)" },
    /// Live region: delivered to N of M.
    /// Device settings (editor).
    Settings => { es: "Ajustes", en: "Settings" },
    /// Link latency slider.
    Latency => { es: "Latencia (ms)", en: "Latency (ms)" },
    /// Link jitter slider.
    Jitter => { es: "Variación (ms)", en: "Jitter (ms)" },
    /// Link loss slider.
    Loss => { es: "Pérdida de paquetes (%)", en: "Packet loss (%)" },
    /// Clean session setting.
    CleanSession => { es: "Sesión limpia (clean session)", en: "Clean session" },
    /// Port setting.
    Port => { es: "Puerto", en: "Port" },
    /// Will setting.
    WillTopic => { es: "Tema de última voluntad (vacío: ninguna)", en: "Last will topic (empty: none)" },
    /// Will payload.
    WillPayload => { es: "Mensaje de última voluntad", en: "Last will payload" },
    /// Apply at next connection.
    NextConnection => { es: "Se aplica en la próxima conexión.", en: "Applies from the next connection." },
    /// Apply button.
    Apply => { es: "Aplicar", en: "Apply" },
    /// User name.
    Username => { es: "Usuario", en: "User name" },
    /// Password.
    Password => { es: "Contraseña", en: "Password" },
    /// Packet type filter.
    FilterPacket => { es: "Paquete", en: "Packet" },
    /// Auth decision in the journey.
    AuthDecision => { es: "Permiso", en: "Permission" },
    /// Client column.
    Client => { es: "Cliente", en: "Client" },
    /// Mode: simulation.
    ModeSimulated => { es: "Simulación", en: "Simulation" },
    /// Mode: real broker.
    ModeReal => { es: "Bróker real", en: "Real broker" },
    /// While a part of the app is downloaded on first use.
    LoadingPart => { es: "Cargando esta parte de la aplicación…", en: "Loading this part of the app…" },
    /// A part of the app could not be downloaded.
    LoadPartFailed => { es: "No se pudo descargar esta parte de la aplicación. Comprueba la conexión y vuelve a intentarlo.", en: "This part of the app could not be downloaded. Check the connection and try again." },
    /// A lesson's texts are on their way.
    LessonLoading => { es: "Cargando la lección…", en: "Loading the lesson…" },
    /// A lesson's texts could not be fetched.
    LessonTextFailed => { es: "No se pudo descargar el texto de la lección. Comprueba la conexión.", en: "The lesson's text could not be downloaded. Check the connection." },
    /// Try a failed download again.
    Retry => { es: "Reintentar", en: "Try again" },
    /// Broker address.
    BrokerAddress => { es: "Dirección del bróker (WebSocket)", en: "Broker address (WebSocket)" },
    /// Presets.
    Presets => { es: "Brókeres conocidos", en: "Known brokers" },
    /// Protocol version.
    ProtocolVersion => { es: "Versión MQTT", en: "MQTT version" },
    /// Client id.
    ClientIdField => { es: "Identificador de cliente", en: "Client id" },
    /// Keep-alive.
    KeepAlive => { es: "Keep-alive (s)", en: "Keep-alive (s)" },
    /// Doctor heading.
    Doctor => { es: "Diagnóstico de la conexión", en: "Connection doctor" },
    /// Likely fix.
    LikelyFix => { es: "Qué probar", en: "What to try" },
    /// Received messages.
    ReceivedMessages => { es: "Mensajes recibidos", en: "Received messages" },
    /// Waiting publishes.
    Waiting => { es: "esperando conexión o confirmación", en: "waiting for the connection or an acknowledgement" },
    /// Payload format.
    PayloadFormat => { es: "Formato", en: "Format" },
    /// Confirm subscribing to # on a public broker.
    ConfirmHash => { es: "Suscribirte a # en un bróker público te mandará los mensajes de todo el mundo (pueden ser miles por segundo). ¿Seguro?", en: "Subscribing to # on a public broker sends you everyone's messages (possibly thousands per second). Are you sure?" },
    /// Invalid JSON payload.
    InvalidJson => { es: "El mensaje no es JSON válido", en: "The payload is not valid JSON" },
    /// Invalid hex payload.
    InvalidHex => { es: "Hexadecimal no válido: usa pares de dígitos 0-9 A-F", en: "Invalid hex: use pairs of digits 0-9 A-F" },
    /// Reconnecting status.
    Reconnecting => { es: "reconectando", en: "reconnecting" },
    /// Password is not remembered.
    PasswordNotKept => { es: "La contraseña no se guarda ni aparece en enlaces.", en: "The password is never stored nor put in links." },
    /// Invalid message expiry.
    InvalidExpiry => { es: "La caducidad es un número de segundos (0 a 4 294 967 295)", en: "The expiry is a number of seconds (0 to 4 294 967 295)" },
    /// Invalid user property line.
    InvalidUserProperty => { es: "Cada propiedad de usuario va en su línea como clave=valor", en: "Each user property goes on its own line as key=value" },
    /// User properties label.
    UserProperties => { es: "Propiedades de usuario (clave=valor, una por línea)", en: "User properties (key=value, one per line)" },
    /// Class topic prefix.
    ClassPrefix => { es: "Prefijo de clase (opcional, p. ej. clase3A)", en: "Class topic prefix (optional, e.g. class3A)" },
    /// Remember connection settings.
    RememberConnection => { es: "Recordar esta conexión en este navegador (nunca la contraseña)", en: "Remember this connection in this browser (never the password)" },
    /// Save as template.
    SaveTemplate => { es: "Guardar como plantilla", en: "Save as template" },
    /// Templates.
    Templates => { es: "Plantillas", en: "Templates" },
    /// Invalid client id.
    InvalidClientId => { es: "El identificador de cliente no es válido (como mucho 65 535 bytes, sin el carácter nulo)", en: "The client id is not valid (at most 65 535 bytes, no null character)" },
    /// Device kinds, as shown on the cards.
    KindSensor => { es: "sensor", en: "sensor" },
    /// Actuator.
    KindActuator => { es: "actuador", en: "actuator" },
    /// Dashboard.
    KindDashboard => { es: "panel", en: "dashboard" },
    /// Phone.
    KindPhone => { es: "móvil", en: "phone" },
    /// Eavesdropper.
    KindEavesdropper => { es: "espía", en: "eavesdropper" },
    /// Intruder.
    KindIntruder => { es: "intruso", en: "intruder" },
    /// Device kind: answers requests (5.0 request/response).
    KindResponder => { es: "responde peticiones", en: "answers requests" },
    /// Custom.
    KindCustom => { es: "a medida", en: "custom" },
    /// Share panel title.
    ShareTitle => { es: "Compartir y exportar", en: "Share and export" },
    /// Copy a link that reproduces this run.
    CopyShareLink => { es: "Copiar enlace de esta ejecución", en: "Copy a link to this run" },
    /// The link was copied.
    LinkCopied => { es: "Copiado al portapapeles.", en: "Copied to the clipboard." },
    /// The clipboard was not available: copy by hand.
    CopyByHand => { es: "Selecciona el texto de abajo y cópialo (Ctrl+C).", en: "Select the text below and copy it (Ctrl+C)." },
    /// Links never carry passwords.
    ShareNoPasswords => {
        es: "El enlace reproduce esta ejecución (escenario, semilla y tus acciones) y nunca lleva contraseñas que hayas escrito.",
        en: "The link reproduces this run (scenario, seed and your actions) and never carries a password you typed.",
    },
    /// The log's label for `ConnectionOpened` events.
    KindConnectionOpened => { es: "conexión TCP", en: "TCP connection" },
    /// The log's label for `PacketIn` events.
    KindPacketIn => { es: "llega al bróker", en: "reaches the broker" },
    /// The log's label for `PacketOut` events.
    KindPacketOut => { es: "sale del bróker", en: "leaves the broker" },
    /// The log's label for `Auth` events.
    KindAuth => { es: "usuario y contraseña", en: "user and password" },
    /// The log's label for `SessionCreated` events.
    KindSessionCreated => { es: "sesión nueva", en: "new session" },
    /// The log's label for `SessionResumed` events.
    KindSessionResumed => { es: "sesión recuperada", en: "session resumed" },
    /// The log's label for `SessionEnded` events.
    KindSessionEnded => { es: "sesión terminada", en: "session ended" },
    /// The log's label for `TakenOver` events.
    KindTakenOver => { es: "sesión sustituida", en: "session taken over" },
    /// The log's label for `Published` events.
    KindPublished => { es: "publicación", en: "publish" },
    /// The log's label for `PublishDenied` events.
    KindPublishDenied => { es: "publicación denegada", en: "publish denied" },
    /// The log's label for `FilterTried` events.
    KindFilterTried => { es: "filtro probado", en: "filter tried" },
    /// The log's label for `RetainedSent` events.
    KindRetainedSent => { es: "retenido enviado", en: "retained sent" },
    /// The log's label for `Queued` events.
    KindQueued => { es: "a la cola", en: "queued" },
    /// The log's label for `Dropped` events.
    KindDropped => { es: "descartado", en: "dropped" },
    /// The log's label for `Delivered` events.
    KindDelivered => { es: "entrega", en: "delivery" },
    /// The log's label for `Acknowledged` events.
    KindAcknowledged => { es: "confirmación", en: "acknowledgement" },
    /// The log's label for `RetainedStored` events.
    KindRetainedStored => { es: "retenido guardado", en: "retained stored" },
    /// The log's label for `RetainedCleared` events.
    KindRetainedCleared => { es: "retenido borrado", en: "retained cleared" },
    /// The log's label for `WillFired` events.
    KindWillFired => { es: "última voluntad", en: "last will" },
    /// The log's label for `KeepAliveTimeout` events.
    KindKeepAliveTimeout => { es: "sin señales", en: "keep-alive timeout" },
    /// The log's label for `ProtocolError` events.
    KindProtocolError => { es: "error de protocolo", en: "protocol error" },
    /// The log's label for `ConnectionClosed` events.
    KindConnectionClosed => { es: "conexión cerrada", en: "connection closed" },
    /// The log's label for `Transmitted` events.
    KindTransmitted => { es: "por la red", en: "on the network" },
    /// The log's label for `DeviceChanged` events.
    KindDeviceChanged => { es: "dispositivo", en: "device" },
    /// The log's label for `DeviceSent` events.
    KindDeviceSent => { es: "el dispositivo envía", en: "device sends" },
    /// The log's label for `DeviceReceived` events.
    KindDeviceReceived => { es: "el dispositivo recibe", en: "device receives" },
    /// The log's label for `Eavesdropped` events.
    KindEavesdropped => { es: "espía", en: "eavesdropper" },
    /// The log's label for `ActionApplied` events.
    KindActionApplied => { es: "tu acción", en: "your action" },
    /// The teaching speed (every packet drawn long enough to follow).
    SpeedTeaching => { es: "para seguir cada paquete", en: "to follow each packet" },
    /// On the stage: a message waiting in an offline client's queue.
    StageQueued => { es: "a la cola", en: "queued" },
    /// On the stage: a message kept in the retained store.
    StageRetained => { es: "guardado como retenido", en: "kept as retained" },
    /// The acting device's label.
    ActingDevice => { es: "Dispositivo activo:", en: "Acting device:" },
    /// Choosing a device on the stage.
    ChooseOnStage => { es: "elegir como dispositivo activo", en: "make it the acting device" },
    /// The acting device's area (publish, subscribe).
    ActingTitle => { es: "Acciones", en: "Actions" },
    /// The phone's navigation between the page's parts.
    PartsNav => { es: "Partes de la página", en: "Parts of the page" },
    /// The lesson part, in the phone's navigation.
    LessonPart => { es: "Lección", en: "Lesson" },
    /// The messages part, in the phone's navigation.
    MessagesPart => { es: "Mensajes", en: "Messages" },
    /// The sequence diagram's title (and its tab).
    SequenceTitle => { es: "Secuencia", en: "Sequence" },
    /// The sequence diagram's scrolled list of arrows.
    SequenceArrows => { es: "Paquetes, del más antiguo al más nuevo", en: "Packets, oldest first" },
    /// How to read the sequence diagram.
    SequenceHint => {
        es: "Cada flecha es un paquete entre un cliente y el bróker, del más antiguo al más nuevo. Pulsa una que lleve un mensaje para seguir su viaje.",
        en: "Each arrow is a packet between a client and the broker, oldest first. Press one that carries a message to follow its journey.",
    },
    /// The class setup's summary.
    ClassTitle => { es: "Dar una clase en un bróker real", en: "Teach a class on a real broker" },
    /// Inside a learning platform.
    LmsConnected => {
        es: "Dentro de tu curso: al superar la lección se guarda tu nota.",
        en: "Inside your course: passing the lesson records your grade.",
    },
    /// Copy an iframe snippet.
    CopyIframe => { es: "Copiar código para incrustar (iframe)", en: "Copy embed code (iframe)" },
    /// Download the scenario.
    ExportScenario => { es: "Descargar escenario (JSON)", en: "Download scenario (JSON)" },
    /// Open a scenario file.
    ImportScenario => { es: "Abrir un escenario (JSON)", en: "Open a scenario (JSON)" },
    /// A scenario was loaded.
    ScenarioLoaded => { es: "Escenario cargado.", en: "Scenario loaded." },
    /// An action while a shared run is being rebuilt.
    StillOpening => { es: "Espera: la ejecución compartida todavía se está abriendo.", en: "Wait: the shared run is still opening." },
    /// A link or embed code could not be made (the browser refused to compress it).
    ShareMakeFailed => { es: "No se pudo crear el enlace", en: "The link could not be made" },
    /// A shared link could not be opened.
    ShareOpenFailed => { es: "No se pudo abrir el enlace compartido", en: "The shared link could not be opened" },
    /// A scenario could not be loaded.
    ScenarioFailed => { es: "No se pudo cargar el escenario", en: "The scenario could not be loaded" },
    /// The scenario URL could not be fetched.
    FetchFailed => {
        es: "no se pudo descargar (comprueba la dirección; el servidor debe permitir CORS)",
        en: "it could not be downloaded (check the address; the server must allow CORS)",
    },
    /// Nothing already running was changed.
    NothingLost => { es: "La ejecución actual sigue como estaba.", en: "The current run is unchanged." },
    /// Close a notice.
    Dismiss => { es: "Cerrar", en: "Dismiss" },
    /// Open the app outside the iframe.
    OpenFullApp => { es: "Abrir en una pestaña nueva ↗", en: "Open in a new tab ↗" },
    /// Embedded on an https page: only wss works.
    WssOnlyHere => {
        es: "Esta página se sirve por https: aquí solo funcionan brokers wss:// (por ejemplo wss://broker.hivemq.com:8884/mqtt).",
        en: "This page is served over https: only wss:// brokers work here (for example wss://broker.hivemq.com:8884/mqtt).",
    },
    /// Lessons passed so far.
    LessonsDone => { es: "Lecciones superadas en este navegador: {n} de {m}", en: "Lessons passed in this browser: {n} of {m}" },
    /// This lesson was passed before.
    PassedBefore => { es: "Ya la superaste antes.", en: "You passed it before." },
    /// Forget the progress.
    ResetProgress => { es: "Borrar mi progreso", en: "Reset my progress" },
    /// Before a row of glossary words.
    WordsHere => { es: "Palabras:", en: "Words:" },
    /// Confirm before forgetting the progress.
    ConfirmResetProgress => { es: "¿Borrar qué lecciones has superado en este navegador?", en: "Forget which lessons you passed in this browser?" },
    /// The real client's packet inspector.
    PacketInspector => { es: "Inspector de paquetes", en: "Packet inspector" },
    /// What the inspector captures.
    InspectorHint => {
        es: "Mientras está abierto guarda los últimos 300 paquetes que salen (→) y llegan (←). Elige uno para ver sus bytes.",
        en: "While open it keeps the last 300 packets going out (→) and coming in (←). Pick one to see its bytes.",
    },
    /// Our subscriptions tried against a received topic.
    YourFilters => { es: "Tus suscripciones frente a este tema", en: "Your subscriptions against this topic" },
    /// The bridge between the simulation and the real broker.
    BridgeTitle => { es: "Puente con la simulación", en: "Bridge to the simulation" },
    /// What the bridge does.
    BridgeHint => {
        es: "Los dispositivos virtuales marcados publican también en este bróker real (con el prefijo); los paneles marcados muestran además los mensajes reales que coinciden con sus suscripciones. La simulación no recibe nada del bróker real: sigue siendo reproducible.",
        en: "Ticked virtual devices also publish to this real broker (under the prefix); ticked dashboards also show the real messages that match their subscriptions. The simulation takes nothing from the real broker: it stays reproducible.",
    },
    /// Bridge prefix.
    BridgePrefix => { es: "Prefijo de los temas del puente", en: "Topic prefix for the bridge" },
    /// Send a device's publishes.
    BridgeSend => { es: "publica también aquí", en: "also publishes here" },
    /// Show real messages on a dashboard.
    BridgeShow => { es: "muestra también mensajes reales", en: "also shows real messages" },
    /// Bridge counters.
    BridgeCount => { es: "Enviados por el puente: {n} · sin enviar (desconectado): {d}", en: "Sent through the bridge: {n} · not sent (disconnected): {d}" },
    /// Real messages on a dashboard.
    FromRealBroker => { es: "del bróker real", en: "from the real broker" },
    /// Glossary heading.
    Glossary => { es: "Glosario", en: "Glossary" },
    /// Glossary: broker.
    TermBroker => { es: "Bróker", en: "Broker" },
    /// Glossary: broker definition.
    DefBroker => {
        es: "El servidor que recibe cada mensaje publicado y lo reparte a los clientes suscritos. Los clientes nunca hablan entre sí directamente.",
        en: "The server that receives every published message and hands it to the subscribed clients. Clients never talk to each other directly.",
    },
    /// Glossary: topic.
    TermTopic => { es: "Tema (topic)", en: "Topic" },
    /// Topic definition.
    DefTopic => {
        es: "La dirección de un mensaje, con niveles separados por /, como Casa/Cocina/Temperatura. Se publica siempre en un tema concreto, sin comodines.",
        en: "A message's address, with levels separated by /, such as Casa/Cocina/Temperatura. You always publish to one exact topic, without wildcards.",
    },
    /// Glossary: filter.
    TermFilter => { es: "Filtro", en: "Filter" },
    /// Filter definition.
    DefFilter => {
        es: "Lo que pide un suscriptor: un tema que puede llevar comodines. + ocupa un nivel entero (Casa/+/Temperatura); # va al final y abarca el resto.",
        en: "What a subscriber asks for: a topic that may hold wildcards. + fills one whole level (Casa/+/Temperatura); # goes last and covers the rest.",
    },
    /// Glossary: QoS.
    TermQos => { es: "QoS (calidad de servicio)", en: "QoS (quality of service)" },
    /// QoS definition.
    DefQos => {
        es: "0: como mucho una vez (puede perderse). 1: al menos una vez (puede repetirse). 2: exactamente una vez (cuatro paquetes).",
        en: "0: at most once (may be lost). 1: at least once (may repeat). 2: exactly once (four packets).",
    },
    /// Glossary: retained.
    TermRetained => { es: "Mensaje retenido", en: "Retained message" },
    /// Retained definition.
    DefRetained => {
        es: "El último mensaje de un tema que el bróker guarda para dárselo enseguida a quien se suscriba después. Un mensaje retenido vacío lo borra.",
        en: "The last message of a topic, kept by the broker and handed at once to whoever subscribes later. An empty retained message clears it.",
    },
    /// Glossary: will.
    TermWill => { es: "Última voluntad (will)", en: "Last will" },
    /// Will definition.
    DefWill => {
        es: "Un mensaje que el cliente deja al bróker al conectar; el bróker lo publica si el cliente desaparece sin despedirse (sin DISCONNECT).",
        en: "A message a client leaves with the broker when it connects; the broker publishes it if the client vanishes without saying goodbye (no DISCONNECT).",
    },
    /// Captures tab.
    CaptureTab => { es: "Capturas", en: "Captures" },
    /// Captures panel heading.
    CaptureTitle => { es: "Capturas para Wireshark", en: "Captures for Wireshark" },
    /// What the captures panel does.
    CaptureIntro => {
        es: "Guarda esta ejecución como captura .pcapng y ábrela con Wireshark, o abre aquí una captura de tus propios dispositivos (Wireshark, tcpdump).",
        en: "Save this run as a .pcapng capture and open it with Wireshark, or open here a capture of your own devices (Wireshark, tcpdump).",
    },
    /// Export the run as a capture.
    ExportCapture => { es: "Descargar captura (.pcapng)", en: "Download capture (.pcapng)" },
    /// Open a capture file.
    OpenCapture => { es: "Abrir una captura…", en: "Open a capture…" },
    /// What captures can be opened.
    OpenCaptureHint => {
        es: "Archivos .pcap o .pcapng de MQTT sobre TCP (puerto 1883), de hasta 16 MB.",
        en: "Files .pcap or .pcapng of MQTT over TCP (port 1883), up to 16 MB.",
    },
    /// While a capture is read.
    CaptureReading => { es: "Leyendo la captura…", en: "Reading the capture…" },
    /// The run could not be exported.
    CaptureExportFailed => { es: "No se pudo guardar la captura", en: "The capture could not be saved" },
    /// A chosen file could not be read.
    FileReadFailed => { es: "El navegador no pudo leer el archivo", en: "The browser could not read the file" },
    /// Direction: to the broker.
    ToBroker => { es: "hacia el bróker", en: "to the broker" },
    /// Direction: from the broker.
    FromBroker => { es: "desde el bróker", en: "from the broker" },
    /// A capture's frame number.
    FrameWord => { es: "Trama", en: "Frame" },
    /// Connections table caption.
    Connections => { es: "Conexiones", en: "Connections" },
    /// Client column: its id and address.
    ClientAddress => { es: "Cliente (id, IP:puerto)", en: "Client (id, IP:port)" },
    /// Broker address column.
    BrokerAddressCol => { es: "Bróker (IP:puerto)", en: "Broker (IP:port)" },
    /// Packets.
    PacketsWord => { es: "Paquetes", en: "Packets" },
    /// Time column, in seconds.
    TimeSeconds => { es: "Tiempo (s)", en: "Time (s)" },
    /// Client column.
    ClientWord => { es: "Cliente", en: "Client" },
    /// Direction column.
    Direction => { es: "Sentido", en: "Direction" },
    /// Packet column.
    PacketWord => { es: "Paquete", en: "Packet" },
    /// Previous page.
    Previous => { es: "Anteriores", en: "Previous" },
    /// Next page.
    Next => { es: "Siguientes", en: "Next" },
    /// The connection filter of a capture's packet list.
    ShowConnection => { es: "Conexión:", en: "Connection:" },
    /// Every connection.
    AllConnections => { es: "todas", en: "all" },
    /// "Byte" in "Byte 3 = 0x1F".
    ByteWord => { es: "Byte", en: "Byte" },
    /// How to walk the bytes.
    BytesWalkHint => {
        es: "Bytes del paquete: las flechas recorren byte a byte y muestran su campo",
        en: "Packet bytes: the arrow keys walk them byte by byte and show each one's field",
    },
    /// Glossary: session.
    TermSession => { es: "Sesión", en: "Session" },
    /// Session definition.
    DefSession => {
        es: "Lo que el bróker recuerda de un cliente: sus suscripciones y la cola de mensajes mientras está desconectado (si no pidió sesión limpia).",
        en: "What the broker remembers about a client: its subscriptions and the queue of messages while it is offline (unless it asked for a clean session).",
    },
    /// Glossary: keep-alive.
    TermKeepAlive => { es: "Keep-alive", en: "Keep-alive" },
    /// Keep-alive definition.
    DefKeepAlive => {
        es: "Cada cuántos segundos el cliente da señales de vida (PINGREQ). Si calla 1,5 veces ese tiempo, el bróker lo da por caído y publica su última voluntad.",
        en: "How often, in seconds, the client shows it is alive (PINGREQ). If it stays silent for 1.5 times that, the broker declares it gone and publishes its will.",
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_wins_over_browser() {
        assert_eq!(Lang::choose("?lang=es", ["en-US"]), Lang::Es);
        assert_eq!(Lang::choose("?x=1&lang=en", ["es-ES"]), Lang::En);
    }

    #[test]
    fn browser_preferences_in_order() {
        assert_eq!(Lang::choose("", ["fr-FR", "es-MX", "en"]), Lang::Es);
        assert_eq!(Lang::choose("?lang=de", ["de", "en-GB"]), Lang::En);
        assert_eq!(Lang::choose("", ["fr"]), Lang::En);
    }

    #[test]
    fn tags_are_parsed_loosely() {
        assert_eq!(Lang::from_tag("ES_es"), Some(Lang::Es));
        assert_eq!(Lang::from_tag(" en "), Some(Lang::En));
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_query("lang"), None);
    }

    #[test]
    fn every_text_has_both_languages() {
        for text in Text::ALL {
            for lang in Lang::ALL {
                assert!(
                    !text.in_lang(lang).trim().is_empty(),
                    "{text:?} empty in {lang}"
                );
            }
        }
        // The switch always names the other language, so it must differ.
        assert_ne!(
            Lang::Es.t(Text::SwitchLanguage),
            Lang::En.t(Text::SwitchLanguage)
        );
    }
}
