//! Spanish: every text of the interface in the course's language.

use crate::core::codec::{BitName, Context, DecodeError, EncodeError, FieldName, PacketType, PropertyId, ReasonCode, Refusal, Version};
use crate::i18n::Told;
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::i18n::Diagnosis;
use crate::core::json_read::{Expected, Found, Problem};
use crate::core::pcap::{CaptureError, CaptureNote, MAX_FILE_BYTES};
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::pcap::read::mib;
use crate::core::scenario::action::Action;
use crate::core::scenario::FORMAT_VERSION;
use crate::core::sim::share::SHARE_VERSION;
use crate::core::topic::{Step, StepOutcome, TopicError};
use crate::core::trace::{DeviceChange, DropReason, Seen, TraceKind, Violation};
use super::class::{ClassMsg, ClassText};
use super::coach::{CoachMsg, CoachText};
use super::{Lang, Language, Msg, Text};

/// Spanish.
pub struct Es;

impl Language for Es {
    const CODE: &'static str = "es";
    const HTML_LANG: &'static str = "es";
    const NAME: &'static str = "Español";
    const CONTENT: &'static str = "es";
    const LISTED: bool = true;

    fn text(key: Text) -> &'static str {
        use Text::*;
        match key {
            AppTitle => "MQTT Playground",
            Tagline => "Aprende MQTT viendo cómo viaja cada mensaje: del cliente al bróker y a cada suscriptor.",
            LanguageLabel => "Idioma",
            SimulatedBrokerIntro => "El bróker simulado funciona dentro de tu navegador: no hace falta ningún servidor.",
            CrashTitle => "Algo ha fallado",
            CrashBody => "La aplicación encontró un error interno y se detuvo. Recarga la página para seguir; si vuelve a pasar, copia el detalle de abajo y envíaselo a tu profesor.",
            Reload => "Recargar",
            CrashDetails => "Detalle técnico",
            Play => "Reproducir",
            Pause => "Pausa",
            Step => "Paso",
            Speed => "Velocidad",
            VirtualTime => "Tiempo simulado",
            Seed => "Semilla",
            Replay => "Repetir desde el principio",
            ScrubberLabel => "Línea de tiempo de la ejecución",
            ScrubberKeys => "← y → mueven un evento; Mayús + ← y → un intercambio de paquetes; Inicio y Fin van al principio y al final.",
            StepBack => "Un evento atrás",
            StepOn => "Un evento adelante",
            InThePast => "Viendo el pasado",
            ContinueHere => "Continuar desde aquí",
            ContinueHereHint => "Empieza otro futuro desde este momento: lo que pasó después se descarta (puedes deshacerlo).",
            BackToLive => "Volver al presente",
            UndoFork => "Deshacer el nuevo futuro",
            ForkStarted => "Nuevo futuro desde aquí: lo que pasó después se ha descartado.",
            ForkUndone => "El futuro anterior ha vuelto; estás donde empezó el nuevo.",
            LessonPubsub => "1. Publicar y suscribirse",
            LessonWildcards => "2. Comodines + y #",
            LessonQueue => "3. La cola del bróker",
            LessonQos => "4. QoS 0, 1 y 2 con pérdidas",
            LessonRetained => "5. Mensajes retenidos",
            LessonWill => "6. Última voluntad",
            LessonSecurity => "7. Bróker abierto o con usuario y ACL",
            LessonTls => "8. Puerto 1883 o 8883 (TLS)",
            LessonHouse => "9. Una casa domótica",
            LessonFilters => "10. Reto de filtros",
            LessonShared => "11. Suscripciones compartidas (MQTT 5)",
            LessonExpiry => "12. Caducidad de mensajes y sesiones (MQTT 5)",
            LessonRequest => "13. Petición y respuesta (MQTT 5)",
            QosField => "QoS",
            Mqtt5Options => "Opciones de MQTT 5",
            NoLocalOption => "No Local (no recibir lo propio)",
            RetainAsPublishedOption => "Retain As Published (retenido como se publicó)",
            RetainHandlingOption => "Retain Handling (envío de retenidos)",
            ContentTypeField => "Content Type (tipo de contenido)",
            MessageExpiryField => "Message Expiry (segundos)",
            ShowAsText => "texto",
            ShowAsJson => "JSON",
            ShowAsHex => "hex",
            MqttColumn => "MQTT",
            BytesColumn => "B",
            TlsBadge => "TLS 8883",
            PortTls => "8883 (TLS)",
            LessonLabel => "Lección",
            FreePlay => "Juego libre (casa domótica)",
            Goals => "Objetivos",
            Hints => "Pistas",
            GoalDone => "conseguido",
            GoalPending => "pendiente",
            LessonPassed => "¡Lección superada!",
            Devices => "Dispositivos",
            Connect => "Conectar",
            Disconnect => "Desconectar",
            PullPlug => "Desenchufar",
            Replug => "Enchufar",
            Online => "conectado",
            Offline => "desconectado",
            Connecting => "conectando",
            Unplugged => "desenchufado",
            Network => "Red",
            Broker => "Bróker",
            PublishHeading => "Publicar",
            SubscribeHeading => "Suscribir",
            DeviceField => "Dispositivo",
            TopicField => "Tema",
            FilterField => "Filtro",
            PayloadField => "Mensaje",
            RetainField => "Retener",
            Unsubscribe => "Anular",
            Journey => "Viaje del mensaje",
            JourneyEmpty => "Elige un mensaje (una flecha de la secuencia, o su #N en el registro) para seguir su viaje.",
            PacketBytes => "Bytes del PUBLISH",
            FiltersTried => "Filtros probados",
            Subscriber => "Suscriptor",
            Result => "Resultado",
            Matched => "coincide",
            NotMatched => "no coincide",
            Outcome => "Entrega",
            ExportSvg => "Exportar SVG",
            Timeline => "Registro",
            FilterDevice => "Dispositivo o cliente",
            FilterTopic => "Tema contiene",
            FilterKind => "Tipo",
            AnyKind => "todos",
            ExportCsv => "Exportar CSV",
            ExportJson => "Exportar JSON",
            EventsShown => "eventos",
            BrokerInternals => "Dentro del bróker",
            Sessions => "Sesiones",
            Persistent => "persistente",
            Clean => "limpia",
            Queue => "Cola",
            InFlight => "En vuelo",
            Subscriptions => "Suscripciones",
            RetainedStore => "Mensajes retenidos",
            TopicTree => "Árbol de temas publicados",
            WildcardTester => "Probador de comodines",
            TopicsOnePerLine => "Temas (uno por línea)",
            Views => "Vistas",
            ThemeToggle => "Cambiar tema claro/oscuro",
            Props5 => "Propiedades MQTT 5 (opcionales)",
            ExpiryField => "Caduca a los (segundos)",
            ResponseTopicField => "Tema de respuesta",
            CorrelationField => "Datos de correlación",
            ExpiryInvalid => "La caducidad debe ser un número entero de segundos (0 a 4294967295).",
            JourneyRefused => "El bróker no aceptó esta publicación: no probó ningún filtro ni la entregó a nadie. Abajo, su respuesta.",
            ReasonCodes => "Códigos de motivo",
            Refusals => "Rechazos y desconexiones",
            Agreed5 => "Acordado en MQTT 5",
            EndsWithConnection => "La sesión termina con la conexión",
            NeverExpires => "La sesión no caduca",
            UseTopicAliases => "Usar alias de tema en mis publicaciones (MQTT 5)",
            Nothing => "(nada todavía)",
            Settings => "Ajustes",
            Latency => "Latencia (ms)",
            Jitter => "Variación (ms)",
            Loss => "Pérdida de paquetes (%)",
            CleanSession => "Sesión limpia (clean session)",
            Port => "Puerto",
            WillTopic => "Tema de última voluntad (vacío: ninguna)",
            WillPayload => "Mensaje de última voluntad",
            NextConnection => "Se aplica en la próxima conexión.",
            Apply => "Aplicar",
            Username => "Usuario",
            Password => "Contraseña",
            FilterPacket => "Paquete",
            AuthDecision => "Permiso",
            Client => "Cliente",
            ModeSimulated => "Simulación",
            ModeReal => "Bróker real",
            LoadingPart => "Cargando esta parte de la aplicación…",
            LoadPartFailed => "No se pudo descargar esta parte de la aplicación. Comprueba la conexión y vuelve a intentarlo.",
            LessonLoading => "Cargando la lección…",
            LessonTextFailed => "No se pudo descargar el texto de la lección. Comprueba la conexión.",
            Retry => "Reintentar",
            BrokerAddress => "Dirección del bróker (WebSocket)",
            Presets => "Brókeres conocidos",
            ProtocolVersion => "Versión MQTT",
            ClientIdField => "Identificador de cliente",
            KeepAlive => "Keep-alive (s)",
            Doctor => "Diagnóstico de la conexión",
            LikelyFix => "Qué probar",
            ReceivedMessages => "Mensajes recibidos",
            Waiting => "esperando conexión o confirmación",
            PayloadFormat => "Formato",
            ConfirmHash => "Suscribirte a # en un bróker público te mandará los mensajes de todo el mundo (pueden ser miles por segundo). ¿Seguro?",
            InvalidHex => "Hexadecimal no válido: usa pares de dígitos 0-9 A-F",
            Reconnecting => "reconectando",
            PasswordNotKept => "La contraseña no se guarda ni aparece en enlaces.",
            InvalidExpiry => "La caducidad es un número de segundos (0 a 4 294 967 295)",
            InvalidUserProperty => "Cada propiedad de usuario va en su línea como clave=valor",
            UserProperties => "Propiedades de usuario (clave=valor, una por línea)",
            ClassPrefix => "Prefijo de clase (opcional, p. ej. clase3A)",
            RememberConnection => "Recordar esta conexión en este navegador (nunca la contraseña)",
            SaveTemplate => "Guardar como plantilla",
            Templates => "Plantillas",
            InvalidClientId => "El identificador de cliente no es válido (como mucho 65 535 bytes, sin el carácter nulo)",
            KindSensor => "sensor",
            KindActuator => "actuador",
            KindDashboard => "panel",
            KindPhone => "móvil",
            KindEavesdropper => "espía",
            KindIntruder => "intruso",
            KindResponder => "responde peticiones",
            KindCustom => "a medida",
            ShareTitle => "Compartir y exportar",
            CopyShareLink => "Copiar enlace de esta ejecución",
            LinkCopied => "Copiado al portapapeles.",
            CopyByHand => "Selecciona el texto de abajo y cópialo (Ctrl+C).",
            ShareNoPasswords => "El enlace reproduce esta ejecución (escenario, semilla y tus acciones) y nunca lleva contraseñas que hayas escrito.",
            KindConnectionOpened => "conexión TCP",
            KindPacketIn => "llega al bróker",
            KindPacketOut => "sale del bróker",
            KindAuth => "usuario y contraseña",
            KindSessionCreated => "sesión nueva",
            KindSessionResumed => "sesión recuperada",
            KindSessionEnded => "sesión terminada",
            KindTakenOver => "sesión sustituida",
            KindPublished => "publicación",
            KindPublishDenied => "publicación denegada",
            KindFilterTried => "filtro probado",
            KindRetainedSent => "retenido enviado",
            KindQueued => "a la cola",
            KindDropped => "descartado",
            KindDelivered => "entrega",
            KindAcknowledged => "confirmación",
            KindRetainedStored => "retenido guardado",
            KindRetainedCleared => "retenido borrado",
            KindWillFired => "última voluntad",
            KindKeepAliveTimeout => "sin señales",
            KindProtocolError => "error de protocolo",
            KindConnectionClosed => "conexión cerrada",
            KindTransmitted => "por la red",
            KindDeviceChanged => "dispositivo",
            KindDeviceSent => "el dispositivo envía",
            KindDeviceReceived => "el dispositivo recibe",
            KindEavesdropped => "espía",
            KindActionApplied => "tu acción",
            SpeedTeaching => "para seguir cada paquete",
            ActingDevice => "Dispositivo activo:",
            ActingTitle => "Acciones",
            PartsNav => "Partes de la página",
            LessonPart => "Lección",
            MessagesPart => "Mensajes",
            SequenceTitle => "Secuencia",
            SequenceArrows => "Paquetes, del más antiguo al más nuevo",
            SequenceHint => "Cada flecha es un paquete entre un cliente y el bróker, del más antiguo al más nuevo. Pulsa una que lleve un mensaje para seguir su viaje.",
            ClassTitle => "Dar una clase en un bróker real",
            LmsConnected => "Dentro de tu curso: al superar la lección se guarda tu nota.",
            CopyIframe => "Copiar código para incrustar (iframe)",
            ExportScenario => "Descargar escenario (JSON)",
            ImportScenario => "Abrir un escenario (JSON)",
            ScenarioLoaded => "Escenario cargado.",
            ShareMakeFailed => "No se pudo crear el enlace",
            ShareOpenFailed => "No se pudo abrir el enlace compartido",
            ScenarioFailed => "No se pudo cargar el escenario",
            FetchFailed => "no se pudo descargar (comprueba la dirección; el servidor debe permitir CORS)",
            NothingLost => "La ejecución actual sigue como estaba.",
            Dismiss => "Cerrar",
            OpenFullApp => "Abrir en una pestaña nueva ↗",
            WssOnlyHere => "Esta página se sirve por https: aquí solo funcionan brokers wss:// (por ejemplo wss://broker.hivemq.com:8884/mqtt).",
            PassedBefore => "Ya la superaste antes.",
            SysValues => "Datos del propio bróker ($SYS)",
            DontConnect => "No conectar",
            StartTitle => "¿Primera vez aquí?",
            StartBody => "Aquí ves MQTT funcionando: unos dispositivos virtuales publican mensajes y se suscriben a temas a través de un bróker que funciona dentro de tu navegador. Las lecciones te guían paso a paso; en el juego libre pruebas lo que quieras.",
            StartLesson => "Empezar por la lección 1",
            StartFree => "Explorar el juego libre",
            SpeedHelp => "Lo rápido que avanza el tiempo simulado. «Para seguir cada paquete» dibuja cada paquete al menos 0,6 s, para que puedas verlo viajar; las demás velocidades van a su ritmo real, más despacio o más deprisa.",
            SeedHelp => "Un número que decide todo lo que pasa al azar (pérdidas, valores de los sensores). Con la misma semilla y las mismas acciones, la ejecución se repite igual.",
            ResetProgress => "Borrar mi progreso",
            WordsHere => "Palabras:",
            ConfirmResetProgress => "¿Borrar qué lecciones has superado en este navegador?",
            PacketInspector => "Inspector de paquetes",
            InspectorHint => "Mientras está abierto guarda los últimos 300 paquetes que salen (→) y llegan (←). Elige uno para ver sus bytes.",
            YourFilters => "Tus suscripciones frente a este tema",
            BridgeTitle => "Puente con la simulación",
            BridgeHint => "Los dispositivos virtuales marcados publican también en este bróker real (con el prefijo); los paneles marcados muestran además los mensajes reales que coinciden con sus suscripciones. La simulación no recibe nada del bróker real: sigue siendo reproducible.",
            BridgePrefix => "Prefijo de los temas del puente",
            BridgeSend => "publica también aquí",
            BridgeShow => "muestra también mensajes reales",
            FromRealBroker => "del bróker real",
            Glossary => "Glosario",
            TermBroker => "Bróker",
            DefBroker => "El servidor que recibe cada mensaje publicado y lo reparte a los clientes suscritos. Los clientes nunca hablan entre sí directamente.",
            TermTopic => "Tema (topic)",
            DefTopic => "La dirección de un mensaje, con niveles separados por /, como Casa/Cocina/Temperatura. Se publica siempre en un tema concreto, sin comodines.",
            TermFilter => "Filtro",
            DefFilter => "Lo que pide un suscriptor: un tema que puede llevar comodines. + ocupa un nivel entero (Casa/+/Temperatura); # va al final y abarca el resto.",
            TermQos => "QoS (calidad de servicio)",
            DefQos => "0: como mucho una vez (puede perderse). 1: al menos una vez (puede repetirse). 2: exactamente una vez (cuatro paquetes).",
            TermRetained => "Mensaje retenido",
            DefRetained => "El último mensaje de un tema que el bróker guarda para dárselo enseguida a quien se suscriba después. Un mensaje retenido vacío lo borra.",
            TermWill => "Última voluntad (will)",
            DefWill => "Un mensaje que el cliente deja al bróker al conectar; el bróker lo publica si el cliente desaparece sin despedirse (sin DISCONNECT).",
            CaptureTab => "Capturas",
            CaptureTitle => "Capturas para Wireshark",
            CaptureIntro => "Guarda esta ejecución como captura .pcapng y ábrela con Wireshark, o abre aquí una captura de tus propios dispositivos (Wireshark, tcpdump).",
            ExportCapture => "Descargar captura (.pcapng)",
            OpenCapture => "Abrir una captura…",
            OpenCaptureHint => "Archivos .pcap o .pcapng de MQTT sobre TCP (puerto 1883), de hasta 16 MB.",
            CaptureReading => "Leyendo la captura…",
            CaptureExportFailed => "No se pudo guardar la captura",
            ToBroker => "hacia el bróker",
            FromBroker => "desde el bróker",
            FrameWord => "Trama",
            Connections => "Conexiones",
            ClientAddress => "Cliente (id, IP:puerto)",
            BrokerAddressCol => "Bróker (IP:puerto)",
            PacketsWord => "Paquetes",
            TimeSeconds => "Tiempo (s)",
            ClientWord => "Cliente",
            Direction => "Sentido",
            PacketWord => "Paquete",
            Previous => "Anteriores",
            Next => "Siguientes",
            ShowConnection => "Conexión:",
            AllConnections => "todas",
            ByteWord => "Byte",
            BytesWalkHint => "Bytes del paquete: las flechas recorren byte a byte y muestran su campo",
            TermSession => "Sesión",
            DefSession => "Lo que el bróker recuerda de un cliente: sus suscripciones y la cola de mensajes mientras está desconectado (si no pidió sesión limpia).",
            TermKeepAlive => "Keep-alive",
            DefKeepAlive => "Cada cuántos segundos el cliente da señales de vida (PINGREQ). Si calla 1,5 veces ese tiempo, el bróker lo da por caído y publica su última voluntad.",
        }
    }

    fn msg(msg: Msg) -> String {
        use Msg::*;
        match msg {
            SubQos(q) => format!(" · QoS {q}"),
            JourneyLink(n) => format!("#{n} · Viaje del mensaje"),
            FrameNo(n) => format!("Trama {n}"),
            FileReadFailed(why) => format!("El navegador no pudo leer el archivo ({why})"),
            InvalidJson(why) => format!("El mensaje no es JSON válido: {why}"),
            ClosedNoCode(at) => format!("{at} s · conexión cerrada sin código de motivo"),
            KindPacket { kind, packet } => format!("{kind}: {packet}"),
            Eavesdropped { packet, user, password, topic, payload } => {
                super::sniffed(packet, [user, password, topic, payload], ["usuario", "contraseña"])
            }
            Encrypted(n) => format!("TLS · {n} B · ????"),
            MessageMeta { qos, retain: false } => format!(" · QoS {qos}"),
            MessageMeta { qos, retain: true } => format!(" · QoS {qos} · retenido"),
            AtPath { path, problem } => format!("{path}: {problem}"),
            StageNode { name, state } => format!("{name}: {state}, elegir como dispositivo activo"),
            NoteFilter { filter, client, matched: true } => format!("✓ {filter} · {client}"),
            NoteFilter { filter, client, matched: false } => format!("✗ {filter} · {client}"),
            NoteQueued(client) => format!("{client}: a la cola"),
            NoteRetained(topic) => format!("{topic}: guardado como retenido"),
            Login { client, user, acl } => {
                let login = match user {
                    Some(u) => format!("{client} entró como «{u}»"),
                    None => format!("{client} entró sin usuario (anónimo)"),
                };
                let write = if acl {
                    "la ACL le permite escribir en este tema"
                } else {
                    "sin ACL: cualquiera puede publicar en cualquier tema"
                };
                format!("{login}; {write}.")
            }
            ResponseTopicInvalid(e) => format!("Tema de respuesta: {e}"),
            WindowToClient(n, m) => format!("Al cliente: {n} de {m} sin confirmar (su Receive Maximum)"),
            WindowFromClient(n, m) => format!("Del cliente: {n} de {m} QoS 2 sin terminar (Receive Maximum del bróker)"),
            AliasesFromClient(n, m) => format!("Alias del cliente: {n} de {m}"),
            AliasesToClient(n, m) => format!("Alias del bróker: {n} de {m}"),
            ExpiresIn(n) => format!("La sesión caduca en {n} s"),
            OutlivesBy(n) => format!("Sobrevive {n} s a una desconexión"),
            SubId(n) => format!("identificador {n}"),
            KeepAliveIs(n) => format!("Keep-alive: {n} s"),
            LessonsDone(n, m) => format!("Lecciones superadas en este navegador: {n} de {m}"),
            BridgeCount(n, d) => format!("Enviados por el puente: {n} · sin enviar (desconectado): {d}"),
            UnknownLesson(v) => format!("El enlace pide la lección «{v}», que no existe: se abre el juego libre."),
            UnknownView(v) => format!("El enlace pide la vista «{v}», que no existe: se muestra el diagrama de secuencia."),
            UnknownMode(v) => format!("El enlace pide el modo «{v}», que no existe: se abre el bróker simulado."),
            OpeningShared(p) => format!("Abriendo la ejecución compartida… {p} %"),
            SharedOpened(t) => format!("Ejecución compartida abierta en {t}: pulsa ▶ para seguir."),
            CaptureSaved(n) => format!("Captura guardada: {n} paquetes MQTT. Ábrela con Wireshark."),
            DeliveredOf { matched: 0, .. } => "nadie estaba suscrito a este tema: el bróker no se lo entrega a nadie".to_string(),
            DeliveredOf { delivered: n, matched: 1 } => format!("entregado a {n} de 1 suscriptor"),
            DeliveredOf { delivered: n, matched: m } => format!("entregado a {n} de {m} suscriptores"),
            ScrubPoint { at, index, total, what: Some(w) } => format!("{at}, evento {index} de {total}: {w}"),
            ScrubPoint { at, total, what: None, .. } => format!("{at}, el principio (0 de {total} eventos)"),
            ScrubCount { at, index, total } => format!("{at} · evento {index} de {total}"),
            ConnectsAt(s) => format!("se conectará a los {s} s"),
            Arrow { label, from, to, at, lost: false } => format!("{label} de {from} a {to}, a los {at}"),
            Arrow { label, from, to, at, lost: true } => format!("{label} de {from} a {to}, a los {at}: se pierde por el camino"),
        }
    }

    fn class_text(key: ClassText) -> &'static str {
        use ClassText::*;
        match key {
            SetupHint => "Elige un bróker y un código de clase. Tus alumnos abren el enlace (o el código QR), escriben su nombre y ves su progreso en directo.",
            BrokerField => "Dirección del bróker (wss://…, o ws:// en la red del centro)",
            CodeField => "Código de clase",
            PrefixField => "Prefijo de los temas",
            AllowDevices => "Los dispositivos virtuales de los alumnos publican también en el bróker",
            StudentLink => "Enlace para los alumnos",
            QrLabel => "Código QR del enlace para los alumnos",
            QrTooLong => "El enlace es demasiado largo para un código QR.",
            OpenTeacher => "Abrir la vista del profesor",
            CopyLink => "Copiar enlace",
            Copied => "Copiado.",
            NoPasswordInLink => "El enlace no lleva contraseñas: cada alumno escribe la suya si el bróker la pide.",
            PublicWarning => "Bróker público: cualquiera en Internet puede leer lo que publica la clase. El prefijo es al azar; no escribáis datos personales.",
            ClassLink => "Enlace de clase",
            BadCode => "El código de clase lleva de 1 a 16 letras, cifras, - o _.",
            BadPrefix => "El prefijo debe ser un tema sin comodines (+ #), sin niveles vacíos y sin $ al principio.",
            BadName => "Tu nombre lleva de 1 a 32 caracteres.",
            BadUsername => "El usuario no puede estar vacío ni llevar /, + o #.",
            JoinHint => "Escribe tu nombre para unirte. Tu profesor verá qué lecciones superas y cuántos objetivos llevas.",
            NameField => "Tu nombre",
            UsernameField => "Usuario (si tu profesor te dio uno)",
            TeacherUsername => "Usuario (si el bróker lo pide)",
            PasswordField => "Contraseña",
            Join => "Unirme a la clase",
            Leave => "Salir de la clase",
            Connecting => "Conectando con el bróker de la clase…",
            NoAnswer => "El bróker no respondió a tiempo.",
            Reconnecting => "Se perdió la conexión con el bróker: reintentando. Tu progreso se enviará al volver.",
            SharingDevices => "Tus dispositivos virtuales publican también en el bróker de la clase.",
            Connect => "Conectar",
            TeacherHint => "La tabla se llena con el progreso que cada alumno deja retenido en el bróker: si el bróker se reinicia o llegas tarde, vuelve entera.",
            Students => "Alumnos",
            NoStudents => "Todavía no hay alumnos. Comparte el enlace.",
            StudentColumn => "Alumno",
            LastSeen => "Visto por última vez",
            Online => "conectado",
            Offline => "desconectado",
            Passed => "superada",
            NotStarted => "sin empezar",
            Unreadable => "progreso ilegible",
            Topics => "Temas de la clase",
            NoTopics => "Ningún dispositivo ha publicado todavía.",
            JustNow => "hace un momento",
            SortBy => "Ordenar por",
            SortName => "nombre",
            SortProgress => "progreso",
            FindStudent => "Buscar alumno",
        }
    }

    fn coach_text(key: CoachText) -> &'static str {
        use CoachText::*;
        match key {
            WhatHappened => "Lo que acaba de pasar, con los paquetes de tu ejecución:",
            SeeJourney => "Ver el viaje de este mensaje",
            NextLesson => "Siguiente lección",
            LastLesson => "Era la última lección: ¡enhorabuena! Ahora prueba lo que quieras en el juego libre.",
            StoryTitle => "Qué pasó",
        }
    }

    fn coach_msg(msg: CoachMsg) -> String {
        use CoachMsg::*;
        match msg {
            Offline(device) => format!("«{device}» no está conectado, así que no recibe nada. Conéctalo."),
            NotSubscribed { device, topic } => format!("«{device}» no ha recibido el mensaje de {topic}: no está suscrito a nada. Elige «{device}» en Suscribir."),
            WrongDevice { wanted, got, topic } => format!("El mensaje de {topic} llegó a «{got}», no a «{wanted}»: suscribiste «{got}». El objetivo es que lo reciba «{wanted}»: elígelo en el formulario Suscribir."),
            FilterMissed { device, filter, topic, why } => format!("«{device}» no ha recibido el mensaje de {topic}: su filtro {filter} no coincide. {why}"),
            Published { from: Some(from), payload: Some(p), topic, qos } => format!("«{from}» publicó «{p}» en {topic} con QoS {qos}."),
            Published { from: Some(from), payload: None, topic, qos } => format!("«{from}» publicó en {topic} con QoS {qos}."),
            Published { from: None, topic, qos, .. } => format!("El bróker publicó en {topic} con QoS {qos} (una última voluntad o un dato del propio bróker)."),
            Retained => "El bróker lo guardó como mensaje retenido de ese tema, para quien se suscriba después.".to_string(),
            Matched { client, filter } => format!("El filtro {filter} de «{client}» coincide con el tema."),
            NotMatched { client, filter } => format!("El filtro {filter} de «{client}» no coincide."),
            Missed(1) => "Otro filtro más no coincide.".to_string(),
            Missed(n) => format!("Otros {n} filtros más no coinciden."),
            Delivered { client, qos, retained: false } => format!("El bróker se lo entregó a «{client}» con QoS {qos}."),
            Delivered { client, qos, retained: true } => format!("Al suscribirse, «{client}» lo recibió como mensaje retenido, con QoS {qos}."),
            Queued(client) => format!("«{client}» estaba desconectado: el mensaje espera en su cola del bróker."),
            Dropped { client, why } => format!("«{client}» no lo recibe: {why}."),
            Acked { client, packet, to_broker: true } => format!("«{client}» confirmó con {packet}."),
            Acked { client, packet, to_broker: false } => format!("El bróker confirmó a «{client}» con {packet}."),
        }
    }

    fn class_msg(msg: &ClassMsg) -> String {
        use ClassMsg::*;
        match msg {
            JoinTitle(c) => format!("Clase {c}"),
            Joined(n, c) => format!(
                "Estás en la clase {c} como «{n}». Tu progreso se comparte con tu profesor."
            ),
            TeacherTitle(c) => format!("Clase {c}: vista del profesor"),
            StudentCount(1) => "1 alumno".into(),
            StudentCount(n) => format!("{n} alumnos"),
            Current(m, a) => format!("en curso: {m} de {a} objetivos"),
            Tried(m, a) => format!("{m} de {a} objetivos"),
            MinutesAgo(n) => format!("hace {n} min"),
            HoursAgo(n) => format!("hace {n} h"),
            DaysAgo(1) => "hace 1 día".into(),
            DaysAgo(n) => format!("hace {n} días"),
        }
    }
    fn bit(name: BitName) -> &'static str {
        use BitName::*;
        match name {
            Dup => "DUP",
            QoS => "QoS",
            Retain => "RETAIN",
            PacketType => "Tipo de paquete",
            Reserved => "Reservado",
            MoreBytes => "Sigue otro byte",
            ValueBits => "Valor (7 bits)",
            UsernameFlag => "Hay usuario",
            PasswordFlag => "Hay contraseña",
            WillRetain => "Testamento retenido",
            WillQoS => "QoS del testamento",
            WillFlag => "Hay testamento",
            CleanSession => "Sesión limpia",
            SessionPresent => "Sesión presente",
            MaxQoS => "QoS máxima",
            NoLocal => "No local",
            RetainAsPublished => "Retener como se publicó",
            RetainHandling => "Envío de retenidos",
            PropertyId => "Identificador de propiedad",
        }
    }


    fn field(name: FieldName) -> String {
        use FieldName::*;
        match name {
            FixedHeader => "Cabecera fija".into(),
            RemainingLength => "Longitud restante".into(),
            ProtocolName => "Nombre del protocolo".into(),
            ProtocolLevel => "Versión del protocolo".into(),
            ConnectFlags => "Indicadores de conexión".into(),
            KeepAlive => "Keep alive (s)".into(),
            PropertyLength => "Longitud de propiedades".into(),
            ClientId => "Identificador de cliente".into(),
            WillTopic => "Tema del testamento".into(),
            WillPayload => "Mensaje del testamento".into(),
            Username => "Usuario".into(),
            Password => "Contraseña".into(),
            AckFlags => "Indicadores de CONNACK".into(),
            ReturnCode => "Código de retorno".into(),
            ReasonCode => "Código de motivo".into(),
            TopicName => "Tema".into(),
            PacketId => "Identificador de paquete".into(),
            Payload => "Contenido".into(),
            TopicFilter => "Filtro de temas".into(),
            SubscriptionOptions => "Opciones de suscripción".into(),
            Property(p) => format!("Propiedad: {}", p.name()),
        }
    }

    fn field_why(name: FieldName) -> &'static str {
        use FieldName::*;
        match name {
            FixedHeader => "Los 4 bits altos dicen el tipo de paquete; los 4 bajos son indicadores (en PUBLISH: DUP, QoS y RETAIN).",
            RemainingLength => "Cuántos bytes siguen en este paquete, en 1 a 4 bytes (7 bits por byte).",
            ProtocolName => "Siempre «MQTT»: así el bróker sabe que habla MQTT.",
            ProtocolLevel => "4 es MQTT 3.1.1 y 5 es MQTT 5.0.",
            ConnectFlags => "Qué trae el CONNECT: usuario, contraseña, testamento (y su QoS y retención) y si la sesión empieza limpia.",
            KeepAlive => "Segundos máximos sin enviar nada; si pasa 1,5 veces ese tiempo, el bróker da al cliente por desconectado.",
            PropertyLength => "MQTT 5: cuántos bytes de propiedades siguen.",
            ClientId => "El nombre con el que el bróker reconoce al cliente y guarda su sesión.",
            WillTopic => "Dónde publicará el bróker el testamento si el cliente desaparece sin despedirse.",
            WillPayload => "El mensaje que el bróker publicará en nombre del cliente desaparecido.",
            Username => "En el puerto 1883 viaja sin cifrar: cualquiera en la red puede leerlo.",
            Password => "También viaja sin cifrar en el puerto 1883; usa 8883 (TLS) para protegerla.",
            AckFlags => "Bit 0: «sesión presente», el bróker ya tenía una sesión guardada para este cliente.",
            ReturnCode => "0 es conexión aceptada; cualquier otro valor explica el rechazo.",
            ReasonCode => "Resultado de la operación: menor que 0x80 es éxito, 0x80 o más es un error.",
            TopicName => "La dirección del mensaje, por niveles separados por «/».",
            PacketId => "Número (nunca 0) que une un paquete con su confirmación.",
            Payload => "Los datos del mensaje. Al bróker le dan igual: los reenvía tal cual.",
            TopicFilter => "Qué temas quiere recibir el cliente; «+» vale por un nivel y «#» por el resto.",
            SubscriptionOptions => "QoS máxima pedida y, en MQTT 5, no-local, retener-como-publicado y manejo de retenidos.",
            Property(p) => Self::property_why(p),
        }
    }

    fn property_why(id: PropertyId) -> &'static str {
        use PropertyId::*;
        match id {
            PayloadFormatIndicator => "0: bytes sin formato; 1: texto UTF-8.",
            MessageExpiryInterval => "Segundos que vive el mensaje; después el bróker lo descarta sin entregarlo.",
            ContentType => "El tipo del contenido, por ejemplo application/json.",
            ResponseTopic => "Tema donde el emisor espera la respuesta (petición/respuesta).",
            CorrelationData => "Datos que unen una respuesta con su petición.",
            SubscriptionIdentifier => "Número que identifica la suscripción con la que coincidió el mensaje.",
            SessionExpiryInterval => "Segundos que el bróker guarda la sesión (y su cola) tras la desconexión.",
            AssignedClientIdentifier => "El identificador que el bróker eligió porque el cliente no dio ninguno.",
            ServerKeepAlive => "El keep alive que impone el bróker.",
            AuthenticationMethod => "Método de autenticación ampliada (por ejemplo SCRAM).",
            AuthenticationData => "Datos del método de autenticación.",
            RequestProblemInformation => "1 si el cliente quiere explicaciones de los errores.",
            WillDelayInterval => "Segundos que espera el bróker antes de publicar el testamento.",
            RequestResponseInformation => "1 si el cliente pide información para respuestas.",
            ResponseInformation => "Base para construir temas de respuesta.",
            ServerReference => "Otro bróker que el cliente debería usar.",
            ReasonString => "Explicación legible del resultado.",
            ReceiveMaximum => "Cuántos mensajes QoS 1 y 2 sin confirmar acepta a la vez.",
            TopicAliasMaximum => "El alias de tema más alto que acepta (0: ninguno).",
            TopicAlias => "Un número que sustituye al tema para ahorrar bytes.",
            MaximumQoS => "La QoS más alta que admite el bróker.",
            RetainAvailable => "1 si el bróker guarda mensajes retenidos.",
            UserProperty => "Un par nombre/valor libre que el bróker reenvía tal cual.",
            MaximumPacketSize => "El paquete más grande que acepta, en bytes.",
            WildcardSubscriptionAvailable => "1 si se pueden usar comodines al suscribirse.",
            SubscriptionIdentifierAvailable => "1 si el bróker admite identificadores de suscripción.",
            SharedSubscriptionAvailable => "1 si el bróker admite suscripciones compartidas.",
        }
    }

    fn drop_reason(reason: DropReason) -> &'static str {
        match reason {
            DropReason::QoS0Offline => {
                "QoS 0 para un cliente desconectado: no se guarda"
            }
            DropReason::QueueFull => "la cola del cliente está llena",
            DropReason::Expired => "caducó antes de entregarse",
            DropReason::NotAuthorizedToRead => "la ACL no deja leer este tema",
            DropReason::SessionEnded => "la sesión terminó",
            DropReason::TooLarge => "mayor que el tamaño máximo del cliente",
        }
    }

    fn topic_error(error: &TopicError) -> String {
        use TopicError::*;
        match error {
            Empty => "El tema está vacío: debe tener al menos un carácter.".into(),
            TooLong { len } => {
                format!("El tema ocupa {len} bytes; el máximo es 65 535.")
            }
            NullCharacter => "El tema contiene el carácter nulo (U+0000), que no está permitido.".into(),
            WildcardInName { level, wildcard } => format!(
                "No se puede publicar en un tema con comodines: «{wildcard}» en el nivel {level}. Los comodines solo valen para suscribirse."
            ),
            PlusNotWholeLevel { level } => format!(
                "«+» debe ocupar un nivel entero (nivel {level}): escribe «a/+/b», no «a/b+»."
            ),
            HashNotWholeLevel { level } => format!(
                "«#» debe ocupar un nivel entero (nivel {level}): escribe «a/#», no «a#»."
            ),
            HashNotLast { level } => format!(
                "«#» solo puede ir al final: está en el nivel {level} y le siguen más niveles."
            ),
            ShareGroupEmpty => "Falta el nombre del grupo: «$share/grupo/filtro».".into(),
            ShareGroupWildcard { wildcard } => format!(
                "El nombre del grupo compartido no puede contener «{wildcard}»."
            ),
            ShareNoFilter => "Falta el filtro después del grupo: «$share/grupo/filtro».".into(),
        }
    }

    fn capture_error(error: &CaptureError) -> String {
        match error {
            CaptureError::TooLarge { bytes } => format!(
                "El archivo ocupa {} MB y el máximo es {} MB. En Wireshark, guarda solo los \
                 paquetes MQTT (filtro «mqtt», Archivo › Exportar paquetes especificados).",
                mib(*bytes),
                mib(MAX_FILE_BYTES)
            ),
            CaptureError::Empty => "El archivo está vacío.".into(),
            CaptureError::NotACapture => {
                "No es una captura: se esperaba un archivo .pcap o .pcapng como los que guardan \
                 Wireshark o tcpdump."
                    .into()
            }
            CaptureError::LinkType(t) => format!(
                "La captura usa un tipo de enlace que no se puede leer aquí ({t}); captura en \
                 una interfaz Ethernet, Wi-Fi o «lo»."
            ),
            CaptureError::NoTcp { frames } => {
                format!(
                    "La captura tiene {frames} tramas, pero ninguna es TCP: MQTT viaja sobre TCP."
                )
            }
            CaptureError::NoMqtt { streams, tls: 0 } => format!(
                "Hay {streams} conexiones TCP, pero ninguna lleva MQTT (se busca un CONNECT o \
                 el puerto 1883)."
            ),
            CaptureError::NoMqtt { streams, tls } => format!(
                "Hay {streams} conexiones TCP; {tls} van al puerto 8883, cifradas con TLS, y no \
                 se pueden leer. Captura en el puerto 1883 para ver los paquetes."
            ),
        }
    }

    fn capture_note(note: &CaptureNote) -> String {
        match note {
            CaptureNote::Gap {
                stream,
                to_server,
                missing,
            } => format!(
                "Conexión {}: faltan {missing} bytes {} (no se capturaron); lo que sigue puede \
                 empezar a mitad de un paquete.",
                stream + 1,
                if *to_server {
                    "del cliente al bróker"
                } else {
                    "del bróker al cliente"
                }
            ),
            CaptureNote::Truncated { frames } => format!(
                "El archivo está cortado: termina a mitad de una trama. Se leyeron {frames} \
                 tramas completas."
            ),
            CaptureNote::Snapped { frames } => format!(
                "{frames} tramas se guardaron recortadas (límite de captura): les falta el final."
            ),
            CaptureNote::Unreadable { stream, bytes } => format!(
                "Conexión {}: {bytes} bytes no forman un paquete MQTT y se saltan.",
                stream + 1
            ),
            CaptureNote::Tls { streams } => format!(
                "{streams} conexiones van al puerto 8883, cifradas con TLS: no se pueden leer."
            ),
            CaptureNote::TooMany { shown, total } => {
                format!("Se muestran los primeros {shown} de {total} paquetes MQTT.")
            }
        }
    }

    fn capture_comment(comment: &Comment) -> String {
        match comment {
            Comment::Opens { device, tls: false } => {
                format!("«{device}» abre una conexión TCP con el bróker (puerto 1883)")
            }
            Comment::Opens { device, tls: true } => format!(
                "«{device}» abre una conexión con el bróker en el puerto 8883 (TLS): aquí se \
                 muestra descifrada en el puerto 1883"
            ),
            Comment::Tls => {
                "Puerto 8883: en la red va cifrado con TLS; se muestra descifrado".into()
            }
            Comment::Lost => {
                "Perdido en el enlace: no llega al otro extremo y TCP lo reenvía".into()
            }
            Comment::RealClient => {
                "Cliente real: MQTT viajó sobre WebSocket; aquí se muestra sobre TCP".into()
            }
            Comment::File { real: false } => {
                "MQTT Playground: una ejecución simulada; los tiempos son del reloj virtual".into()
            }
            Comment::File { real: true } => {
                "MQTT Playground: paquetes del cliente real con un bróker real".into()
            }
        }
    }

    fn url_error(error: &UrlError) -> String {
        use UrlError::*;
        match error {
            Tcp => "Un navegador no puede abrir MQTT sobre TCP (puertos 1883/8883): usa la dirección WebSocket del bróker, que empieza por ws:// o wss://.".into(),
            Scheme => "La dirección debe empezar por ws:// o wss:// (por ejemplo wss://broker.hivemq.com:8884/mqtt).".into(),
            Port(p) => format!("«{p}» no es un puerto válido (1 a 65535)."),
            Host => "Falta el nombre del bróker, o tiene caracteres no válidos.".into(),
            Path => "La ruta no puede tener espacios ni #.".into(),
        }
    }

    fn filter_step(step: &Step) -> String {
        let (n, f, t) = step.shown();
        match &step.outcome {
            StepOutcome::Literal => format!("Nivel {n}: «{f}» coincide con «{t}»."),
            StepOutcome::PlusTookLevel => {
                format!("Nivel {n}: «+» acepta un nivel cualquiera, aquí «{t}».")
            }
            StepOutcome::HashTookRest { levels: 0 } => format!(
                "Nivel {n}: «#» también coincide con el nivel padre: el tema acaba justo antes."
            ),
            StepOutcome::HashTookRest { levels: 1 } => {
                format!("Nivel {n}: «#» acepta el resto del tema (1 nivel).")
            }
            StepOutcome::HashTookRest { levels } => {
                format!("Nivel {n}: «#» acepta el resto del tema ({levels} niveles).")
            }
            StepOutcome::Differs if step.case_only() => {
                format!("Nivel {n}: «{f}» no es «{t}»: mayúsculas y minúsculas cuentan. No coincide.")
            }
            StepOutcome::Differs => format!("Nivel {n}: «{f}» no es «{t}». No coincide."),
            StepOutcome::TopicTooShort => format!(
                "Nivel {n}: el filtro sigue con «{f}» pero el tema ya terminó. No coincide."
            ),
            StepOutcome::TopicTooLong => format!(
                "Nivel {n}: el tema sigue con «{t}» pero el filtro ya terminó (usa «#» para aceptar más niveles). No coincide."
            ),
            StepOutcome::DollarNotMatched => format!(
                "Nivel {n}: los temas que empiezan por «$» (como $SYS) no coinciden con un filtro que empieza por un comodín."
            ),
        }
    }

    fn problem(problem: &Problem) -> String {
        use Problem::*;
        match problem {
            NotJson { line, column } => {
                format!("no es JSON válido (línea {line}, columna {column})")
            }
            WrongType { found, expected } => {
                let found = match found {
                    Found::Null => "null".to_string(),
                    Found::Bool(b) => format!("el booleano {b}"),
                    Found::Number(n) => format!("el número {n}"),
                    Found::Text(t) => format!("el texto {t}"),
                    Found::List => "una lista".to_string(),
                    Found::Object => "un objeto".to_string(),
                };
                let expected = match expected {
                    Expected::Text => "un texto".to_string(),
                    Expected::Bool => "true o false".to_string(),
                    Expected::Number => "un número".to_string(),
                    Expected::WholeUpTo(max) => format!("un número entero de 0 a {max}"),
                    Expected::List => "una lista".to_string(),
                    Expected::Object => "un objeto".to_string(),
                };
                format!("tipo no válido: {found}; se esperaba {expected}")
            }
            TooLarge { value, max } => format!("{value} es demasiado grande (como mucho {max})"),
            UnknownField { field, expected } => {
                format!("campo desconocido `{field}`; se esperaba uno de {expected}")
            }
            UnknownName { name, expected } => {
                format!("valor desconocido `{name}`; se esperaba uno de {expected}")
            }
            Missing { field } => format!("falta el campo `{field}`"),
            Topic(e) => Self::topic_error(e),
            NoSuchQoS(q) => format!("QoS {q} no existe: usa 0, 1 o 2"),
            IntervalTooShort => "el intervalo debe ser de al menos 10 ms".into(),
            Port(p) => format!("puerto {p}: usa 1883 (sin cifrar) o 8883 (TLS)"),
            LossRange => "la pérdida es una probabilidad entre 0 y 1".into(),
            LatencyRange => "latencia y variación: como mucho 60 000 ms".into(),
            ZeroReceiveMaximum => "0 no está permitido (de 1 a 65535)".into(),
            DamagedLink(why) => format!(
                "el enlace compartido está dañado o incompleto ({})",
                why.render(Lang::Es)
            ),
            NoSuchLesson(id) => format!("no hay ninguna lección «{id}» en esta versión"),
            StillOpening => "Espera: la ejecución compartida todavía se está abriendo.".into(),
            FormatVersionMissing => format!(
                "falta el número de versión del formato (esta aplicación lee la versión {FORMAT_VERSION})"
            ),
            FormatVersion(v) => format!(
                "la versión {v} del formato no está soportada (esta aplicación lee la versión {FORMAT_VERSION})"
            ),
            EmptyName => "el nombre no puede estar vacío".into(),
            DuplicateName(n) => format!("ya hay otro dispositivo llamado «{n}»"),
            BadClientId => "el identificador de cliente no es válido".into(),
            DuplicateClientId(id) => format!(
                "otro dispositivo ya usa el identificador «{id}»: se echarían mutuamente del bróker"
            ),
            ModelRange => "los números deben ser finitos y min ≤ max".into(),
            NoSuchDevice(n) => format!("no hay ningún dispositivo llamado «{n}»"),
            LinkVersion(v) => format!(
                "este enlace es de otra versión ({v}); esta aplicación lee la {SHARE_VERSION}"
            ),
        }
    }

    fn capture_story(story: &Story) -> String {
        use Story::*;
        match story {
            Summary {
                packets,
                connections,
                frames,
            } => format!("{packets} paquetes MQTT en {connections} conexiones ({frames} tramas en el archivo)."),
            Published { from, topic, to } if to.is_empty() => format!(
                "«{from}» publicó en «{topic}». En esta captura el bróker no se lo envía a nadie."
            ),
            Published { from, topic, to } => {
                format!("«{from}» publicó en «{topic}»; el bróker se lo envió a: {to}.")
            }
            Delivered {
                to,
                from: Some((from, frame)),
            } => format!("El bróker entrega a «{to}» el mensaje que publicó «{from}» (trama {frame})."),
            Delivered { to, from: None } => format!(
                "El bróker entrega este mensaje a «{to}»; quién lo publicó no está en la captura \
                 (un retenido, un testamento, o antes de empezar a capturar)."
            ),
        }
    }

    fn action(action: &Action) -> String {
        match action {
            Action::Online { device } => format!("{device} se conecta"),
            Action::Offline { device } => format!("{device} se desconecta con DISCONNECT (sin última voluntad)"),
            Action::PullPlug { device } => format!("se desenchufa {device}: no hay DISCONNECT, el bróker lo notará por el keep-alive"),
            Action::Replug { device } => format!("se enchufa {device}"),
            Action::Publish {
                device,
                topic,
                payload,
                qos,
                retain,
                ..
            } => {
                if *retain {
                    format!("pides a {device} publicar «{payload}» en {topic}, {qos}, retenido")
                } else {
                    format!("pides a {device} publicar «{payload}» en {topic}, {qos}")
                }
            }
            Action::Subscribe {
                device,
                filter,
                qos,
            } => format!("pides a {device} suscribirse a {filter}, {qos}"),
            Action::Unsubscribe { device, filter } => format!("pides a {device} anular su suscripción a {filter}"),
            Action::SetLink { device, link } => {
                let (l, j, p) = (link.latency_ms, link.jitter_ms, link.loss.get() * 100.0);
                let p = crate::core::numbers::Fixed(p, 1);
                format!("el enlace de {device} pasa a {l} ms ±{j} ms, {p} % de pérdidas")
            }
            Action::SetQos { device, qos } => format!("{device} publicará con {qos}"),
            Action::SetRetain { device, retain } => {
                if *retain {
                    format!("las lecturas de {device} serán retenidas")
                } else {
                    format!("las lecturas de {device} no serán retenidas")
                }
            }
            Action::SetCleanSession { device, clean } => {
                if *clean {
                    format!("{device} pedirá sesión limpia al conectar")
                } else {
                    format!("{device} pedirá sesión persistente al conectar")
                }
            }
            Action::SetWill {
                device,
                will: Some(w),
            } => {
                let t = &w.topic;
                format!("{device} dejará una última voluntad en {t}")
            }
            Action::SetWill { device, will: None } => {
                format!("{device} no dejará última voluntad")
            }
            Action::SetPort { device, port } => {
                format!("{device} se conectará al puerto {}", port.number())
            }
            Action::SetCredentials {
                device, username, ..
            } => {
                let user = username.as_deref().unwrap_or("-");
                format!("{device} usará el usuario {user} (la contraseña no se muestra)")
            }
            Action::SetBroker { .. } => "cambias los ajustes del bróker (usuarios, ACL, acceso anónimo)".into(),
        }
    }

    fn event(kind: &TraceKind) -> String {
        let s = |x: &str| x.to_string();
        let broker = || "el bróker".to_string();
        match kind {
            TraceKind::ConnectionOpened { conn } => {
                let n = conn.0;
                format!("se abre la conexión TCP {n}")
            }
            TraceKind::PacketIn { client, packet, .. } => {
                let who = client.as_deref().unwrap_or("?");
                format!("el bróker recibe {packet} de {who}")
            }
            TraceKind::PacketOut { client, packet, .. } => {
                let who = client.as_deref().unwrap_or("?");
                format!("el bróker envía {packet} a {who}")
            }
            TraceKind::Auth {
                client,
                username,
                code,
            } => {
                let user = username.as_deref().unwrap_or("-");
                let c = code.0;
                if code.is_success() {
                    format!("el bróker deja entrar a {client} (usuario {user})")
                } else {
                    format!("el bróker no deja entrar a {client} (usuario {user}, código {c:#04x})")
                }
            }
            TraceKind::SessionCreated { client, persistent } => {
                if *persistent {
                    format!("el bróker crea una sesión persistente para {client}")
                } else {
                    format!("el bróker crea una sesión nueva para {client}")
                }
            }
            TraceKind::SessionResumed { client, queued } => {
                format!("el bróker recupera la sesión de {client}, con {queued} mensajes en su cola")
            }
            TraceKind::SessionEnded { client } => {
                format!("el bróker termina la sesión de {client}")
            }
            TraceKind::TakenOver { client, .. } => {
                format!("otra conexión usa el identificador de {client}: el bróker cierra la anterior")
            }
            TraceKind::Published { from, topic, qos, retain, .. } => {
                let (t, q) = (topic.as_str(), qos.as_u8());
                let who = from.as_deref().map_or_else(broker, s);
                if *retain {
                    format!("{who} publica en {t}, QoS {q}, retenido")
                } else {
                    format!("{who} publica en {t}, QoS {q}")
                }
            }
            TraceKind::PublishDenied { client, topic } => {
                let t = topic.as_str();
                format!("la ACL no deja a {client} publicar en {t}")
            }
            TraceKind::FilterTried { client, filter, matched, .. } => {
                let f = filter.as_str();
                if *matched {
                    format!("el filtro {f} de {client} coincide")
                } else {
                    format!("el filtro {f} de {client} no coincide")
                }
            }
            TraceKind::RetainedSent { client, filter, .. } => {
                let f = filter.as_str();
                format!("{client} se suscribe a {f} y el bróker le envía el mensaje retenido")
            }
            TraceKind::Queued { client, queue_len, .. } => {
                format!("{client} no está conectado: el mensaje espera en su cola ({queue_len})")
            }
            TraceKind::Dropped { client, reason, .. } => {
                let why = reason.message(Lang::Es);
                format!("el bróker descarta el mensaje para {client}: {why}")
            }
            TraceKind::Delivered { client, qos, dup, .. } => {
                let q = qos.as_u8();
                if *dup {
                    format!("el bróker entrega de nuevo el mensaje a {client}, QoS {q} (DUP)")
                } else {
                    format!("el bróker entrega el mensaje a {client}, QoS {q}")
                }
            }
            TraceKind::Acknowledged { client, packet, .. } => {
                format!("{client} confirma el mensaje con {packet}")
            }
            TraceKind::RetainedStored { topic, .. } => {
                let t = topic.as_str();
                format!("el bróker guarda el mensaje retenido de {t}")
            }
            TraceKind::RetainedCleared { topic } => {
                let t = topic.as_str();
                format!("el bróker borra el mensaje retenido de {t}")
            }
            TraceKind::WillFired { client, .. } => {
                format!("el bróker publica la última voluntad de {client}")
            }
            TraceKind::KeepAliveTimeout { client } => {
                format!("{client} lleva 1,5 × keep-alive en silencio: el bróker lo da por perdido")
            }
            TraceKind::ProtocolError { conn, violation } => {
                let (n, why) = (conn.0, violation.message(Lang::Es));
                format!("conexión {n}: {why}")
            }
            TraceKind::ConnectionClosed {
                client, graceful, ..
            } => {
                let who = client.as_deref().unwrap_or("?");
                if *graceful {
                    format!("{who} se despide (DISCONNECT) y se cierra la conexión")
                } else {
                    format!("se pierde la conexión de {who}")
                }
            }
            TraceKind::Transmitted {
                device,
                to_broker,
                packet,
                len,
                arrives,
                ..
            } => {
                let p = packet.map_or_else(|| s("TLS"), |p| s(p.name()));
                match (to_broker, arrives) {
                    (true, Some(t)) => format!("{p} ({len} B) viaja de {device} al bróker; llega a los {t}"),
                    (false, Some(t)) => format!("{p} ({len} B) viaja del bróker a {device}; llega a los {t}"),
                    (true, None) => format!("{p} ({len} B) de {device} al bróker se pierde por el camino"),
                    (false, None) => format!("{p} ({len} B) del bróker a {device} se pierde por el camino"),
                }
            }
            TraceKind::DeviceChanged { device, change } => {
                match change {
                    DeviceChange::Connecting { port, .. } => {
                        format!("{device} se conecta al puerto {port}")
                    }
                    DeviceChange::Online {
                        session_present: true,
                    } => format!("{device} está conectado y el bróker guardaba su sesión"),
                    DeviceChange::Online { .. } => {
                        format!("{device} está conectado")
                    }
                    DeviceChange::Refused { code } => {
                        let c = code.0;
                        format!("el bróker rechaza a {device} (código {c:#04x})")
                    }
                    DeviceChange::Offline => {
                        format!("{device} está desconectado")
                    }
                    DeviceChange::ConnectionLost => format!("{device} pierde la conexión"),
                    DeviceChange::Unplugged => {
                        format!("{device} está desenchufado")
                    }
                    DeviceChange::Replugged => format!("{device} vuelve a estar enchufado"),
                    DeviceChange::Link {
                        latency_ms,
                        jitter_ms,
                        loss_permille,
                    } => {
                        let p = format!("{}.{}", loss_permille / 10, loss_permille % 10);
                        format!("el enlace de {device} pasa a {latency_ms} ms ±{jitter_ms} ms, {p} % de pérdidas")
                    }
                }
            }
            TraceKind::DeviceSent {
                device,
                topic,
                payload,
                qos,
                sent,
                ..
            } => {
                let (p, t, q) = (
                    String::from_utf8_lossy(payload),
                    topic.as_str(),
                    qos.as_u8(),
                );
                match (sent, q) {
                    (true, _) => format!("{device} publica «{p}» en {t}, QoS {q}"),
                    (false, 0) => format!("{device} no tiene conexión: «{p}» en {t} (QoS 0) se pierde"),
                    (false, _) => format!("{device} no tiene conexión: «{p}» en {t} (QoS {q}) espera"),
                }
            }
            TraceKind::DeviceReceived {
                device,
                topic,
                payload,
                ..
            } => {
                let (p, t) = (String::from_utf8_lossy(payload), topic.as_str());
                format!("{device} recibe «{p}» de {t}")
            }
            TraceKind::Eavesdropped {
                device,
                target,
                seen,
                ..
            } => {
                let masked = match seen {
                    Seen::Clear {
                        password: Some(_), ..
                    } => s("password=****"),
                    Seen::Clear { packet, topic, .. } => {
                        format!("{packet} {}", topic.as_ref().map_or("", |t| t.as_str()))
                    }
                    Seen::Opaque { len } => format!("TLS {len} B"),
                };
                format!("{device} espía a {target} y ve {masked}")
            }
            TraceKind::ActionApplied { action } => {
                Self::action(action)
            }
        }
    }

    fn encode_error(error: &EncodeError) -> String {
        match error {
            EncodeError::String { field, error } => format!("{}: {error}", field.label(Lang::Es)),
            EncodeError::BinaryTooLong { field } => {
                format!("{}: más de 65 535 bytes.", field.label(Lang::Es))
            }
            EncodeError::PacketTooLarge => {
                "El paquete superaría el tamaño máximo de MQTT (256 MB).".into()
            }
            EncodeError::Invalid(e) | EncodeError::Property(e) => e.message(Lang::Es),
            EncodeError::NeedsV5 { packet } => {
                format!(
                    "{}: propiedades, códigos de motivo y AUTH necesitan MQTT 5.",
                    packet.name()
                )
            }
        }

    }

    fn decode_error(error: &DecodeError) -> String {
        use DecodeError::*;
        let f = |field: &FieldName| field.label(Lang::Es);
        match error {
            MalformedVarInt { field } => {
                format!(
                    "{}: un entero de longitud variable no puede ocupar más de 4 bytes.",
                    f(field)
                )
            }
            PacketTooLarge { size, max } => {
                format!("El paquete ocupa {size} bytes y el máximo acordado es {max}.")
            }
            ReservedPacketType { value } => {
                format!("El tipo de paquete {value} está reservado: no existe.")
            }
            InvalidHeaderFlags { packet, flags } => {
                format!(
                    "{}: los indicadores de la cabecera deben ser {:04b}, no {flags:04b}.",
                    packet.name(),
                    packet.required_flags().unwrap_or(0)
                )
            }
            UnexpectedEnd {
                field,
                needed,
                left,
            } => {
                format!("{}: hacen falta {needed} bytes pero al paquete solo le quedan {left} (la longitud restante no cuadra).", f(field))
            }
            TrailingBytes { packet, extra } => {
                format!(
                    "{}: sobran {extra} bytes al final del paquete.",
                    packet.name()
                )
            }
            InvalidUtf8 { field } => {
                format!("{}: el texto no es UTF-8 válido.", f(field))
            }
            NullCharacter { field } => {
                format!("{}: el texto contiene el carácter nulo U+0000.", f(field))
            }
            InvalidProtocolName { name } => {
                format!("El nombre del protocolo es {name:?}; debe ser \"MQTT\".")
            }
            UnsupportedProtocolLevel { level } => {
                format!("Versión de protocolo {level} no admitida: se aceptan 4 (MQTT 3.1.1) y 5 (MQTT 5.0).")
            }
            ConnectReservedFlag => {
                "CONNECT: el bit reservado (bit 0) de los indicadores debe ser 0.".into()
            }
            WillFlagsWithoutWill => {
                "CONNECT: sin testamento, la QoS y la retención del testamento deben ser 0."
                    .into()
            }
            InvalidQoS { field } => {
                format!("{}: QoS 3 no existe (solo 0, 1 y 2).", f(field))
            }
            PasswordWithoutUsername => {
                "CONNECT (3.1.1): hay contraseña pero no usuario.".into()
            }
            DupWithQoS0 => {
                "PUBLISH: DUP (reenvío) no puede estar activo con QoS 0.".into()
            }
            InvalidTopic { field, error } => format!("{}: {}", f(field), error.message(Lang::Es)),
            EmptyTopicWithoutAlias => {
                "PUBLISH: el tema está vacío y no hay alias de tema.".into()
            }
            ZeroPacketId => {
                "El identificador de paquete no puede ser 0.".into()
            }
            NoTopicFilters { packet } => {
                format!(
                    "{}: debe llevar al menos un filtro de temas.",
                    packet.name()
                )
            }
            ReservedSubscriptionBits { options } => {
                format!(
                    "Opciones de suscripción {options:08b}: los bits reservados deben ser 0."
                )
            }
            InvalidRetainHandling => {
                "Opciones de suscripción: el manejo de retenidos 3 no existe (solo 0, 1 y 2)."
                    .into()
            }
            NoLocalOnSharedSubscription => {
                "Una suscripción compartida no puede usar «no local».".into()
            }
            ReservedAckFlags { flags } => {
                format!("CONNACK: indicadores {flags:08b}; solo el bit 0 puede estar activo.")
            }
            InvalidReasonCode { packet, code } => {
                format!(
                    "{}: el código 0x{code:02X} no está permitido en este paquete.",
                    packet.name()
                )
            }
            UnknownProperty { id } => {
                format!("La propiedad 0x{id:02X} no existe.")
            }
            PropertyNotAllowed { property, ctx } => {
                let place = match ctx {
                    Context::Packet(p) => p.name().to_string(),
                    Context::Will => {
                        "el testamento".into()
                    }
                };
                format!("La propiedad {} no puede ir en {place}.", property.name())
            }
            DuplicateProperty { property } => {
                format!("La propiedad {} aparece más de una vez.", property.name())
            }
            InvalidPropertyValue { property, value } => {
                format!(
                    "La propiedad {} no admite el valor {value}.",
                    property.name()
                )
            }
            AuthInV311 => {
                "AUTH solo existe en MQTT 5.".into()
            }
        }

    }

    fn violation(violation: &Violation) -> String {
        match violation {
            Violation::Malformed(e) => e.message(Lang::Es),
            Violation::BeforeConnect(p) => {
                format!("Llegó {p} antes de CONNECT: el primer paquete debe ser CONNECT.")
            }
            Violation::SecondConnect => "Segundo CONNECT en la misma conexión.".into(),
            Violation::NotFromClient(p) => format!("Un cliente no puede enviar {p}."),
            Violation::TopicAliasInvalid(a) => format!("Alias de tema {a} no válido."),
            Violation::TopicAliasUnknown(a) => {
                format!("El alias de tema {a} no se había definido.")
            }
            Violation::ReceiveMaximumExceeded(n) => format!(
                "Más de {n} PUBLISH QoS 2 sin terminar a la vez: el bróker solo admite {n} (Receive Maximum)."
            ),
            Violation::CannotSend { packet, error } => {
                format!("No se pudo enviar {packet}: {}", error.message(Lang::Es))
            }
        }
    }

    fn diagnose(problem: &DoctorProblem) -> Diagnosis {
        let d = |what: String, fix: &str| Diagnosis {
            what,
            fix: fix.to_string(),
        };
        match problem {
            DoctorProblem::MixedContent => d(
                "Esta página se abrió con https, y el navegador no deja abrir ws:// (sin cifrar) desde ella (contenido mixto).".into(),
                "Usa la dirección wss:// del bróker (por ejemplo wss://broker.hivemq.com:8884/mqtt).",
            ),
            DoctorProblem::Closed { code: 1006 | 1015, before_open: true, secure } => d(
                format!("No se pudo abrir la conexión WebSocket{}.", if *secure { " segura" } else { "" }),
                if *secure {
                    "Comprueba el nombre, el puerto WebSocket seguro (no el 8883 de MQTT), la ruta (/mqtt en HiveMQ y EMQX) y que el servidor acepte el subprotocolo «mqtt». Si el bróker es público, puede estar caído: prueba otro de la lista."
                } else {
                    "Comprueba el nombre, el puerto WebSocket (no el 1883 de MQTT), la ruta (/mqtt en HiveMQ y EMQX) y que el servidor acepte el subprotocolo «mqtt». Si el bróker es público, puede estar caído: prueba otro de la lista."
                },
            ),
            DoctorProblem::Closed { code, before_open, .. } => {
                let what = match code {
                    1000 => "El bróker cerró la conexión normalmente.",
                    1001 => "El bróker se está apagando o reiniciando.",
                    1002 => "El bróker cerró por un error de protocolo WebSocket.",
                    1003 | 1007 => "El bróker no aceptó los datos enviados.",
                    1008 => "El bróker rechazó la conexión por su política.",
                    1009 => "Un mensaje era demasiado grande para el bróker.",
                    1011 => "El bróker tuvo un error interno.",
                    _ => "La conexión se cortó sin aviso.",
                };
                let fix = if *before_open {
                    "Revisa la ruta (/mqtt) y que el bróker admita el subprotocolo «mqtt»."
                } else {
                    "Se volverá a conectar solo; si se repite, revisa la red o el bróker."
                };
                d(
                    format!("{what} (código {code})"),
                    fix,
                )
            }
            DoctorProblem::Refused { code, version } => {
                let (what, fix) = refusal(code.refusal(*version), *version);
                d(
                    format!("{what} (CONNACK {:#04x})", code.0),
                    fix,
                )
            }
            DoctorProblem::SubscribeDenied { filter } => d(
                format!("El bróker no te deja suscribirte a «{filter}» (no autorizado)."),
                "Tu usuario no tiene permiso de lectura en ese tema (ACL). Pide acceso o usa un tema permitido.",
            ),
            DoctorProblem::PublishDenied { topic, code } => d(
                format!("El bróker no aceptó tu mensaje en «{topic}» (código {:#04x}).", code.0),
                "Probablemente tu usuario no puede escribir en ese tema (ACL). En MQTT 3.1.1 el bróker lo descarta en silencio.",
            ),
            DoctorProblem::ClosedBeforeConnack { version: Version::V5 } => d(
                "El bróker cerró la conexión sin responder a tu CONNECT de MQTT 5: así lo hacen algunos brókeres que solo hablan MQTT 3.1.1.".to_string(),
                "Elige 3.1.1 en «Versión MQTT» y vuelve a conectar.",
            ),
            DoctorProblem::ClosedBeforeConnack { .. } => d(
                "El bróker cerró la conexión sin responder a tu CONNECT.".to_string(),
                "Comprueba que la dirección es la de un bróker MQTT (puerto y ruta) y que admite clientes anónimos o tu usuario; si se repite, prueba con MQTT 5.",
            ),
            DoctorProblem::NoAnswer { seconds } => d(
                format!("El bróker no respondió al CONNECT en {seconds} s."),
                "La WebSocket se abrió pero no habla MQTT: revisa la ruta, o que sea un bróker MQTT. Puede estar saturado: prueba más tarde.",
            ),
            DoctorProblem::Malformed { error } => d(
                format!("El bróker envió datos que no son MQTT válido: {}", error.message(Lang::Es)),
                "¿Es de verdad un bróker MQTT? Prueba la otra versión del protocolo (3.1.1 / 5).",
            ),
        }

    }

    fn reason(code: ReasonCode, packet: PacketType, version: Version) -> Told {
        if let Some(t) = v311(code.0, packet, version) {
            return t;
        }
        match (code.0, packet) {
            (0x00, PacketType::SubAck) => (
                "QoS 0 concedida",
                "La suscripción vale; los mensajes llegarán con QoS 0.",
            ),
            (0x00, PacketType::Disconnect) => (
                "Desconexión normal",
                "Adiós ordenado: el bróker no publica el testamento.",
            ),
            (0x00, PacketType::ConnAck) => (
                "Éxito",
                "Conexión aceptada: el cliente ya puede publicar y suscribirse.",
            ),
            (0x00, _) => ("Éxito", "La operación se hizo."),
            (c, _) => table(c),
        }
    }

}

/// A refused CONNECT's meaning and fix.
fn refusal(refusal: Refusal, version: Version) -> (&'static str, &'static str) {
    match (refusal, version) {
        (Refusal::UnsupportedVersion, Version::V5) => (
            "El bróker no habla MQTT 5: rechazó la versión (algunos, como aedes, solo hablan MQTT 3.1.1).",
            "Elige 3.1.1 en «Versión MQTT» y vuelve a conectar: todo lo de este curso funciona con 3.1.1.",
        ),
        (Refusal::UnsupportedVersion, Version::V311) => (
            "El bróker no admite MQTT 3.1.1.",
            "Elige 5 en «Versión MQTT» y vuelve a conectar.",
        ),
        (Refusal::ClientIdRejected, _) => (
            "El bróker rechazó el identificador de cliente.",
            "Usa un identificador más corto, solo con letras y números, o déjalo vacío.",
        ),
        (Refusal::Unavailable, _) => (
            "El bróker no está disponible ahora.",
            "Espera un poco y vuelve a intentarlo, o usa otro bróker.",
        ),
        (Refusal::BadCredentials, _) => (
            "Usuario o contraseña incorrectos.",
            "Revisa el usuario y la contraseña (distinguen mayúsculas).",
        ),
        (Refusal::NotAuthorized, _) => (
            "No autorizado: este bróker no te deja conectar así.",
            "Hace falta usuario y contraseña (o los dados no valen). Pídelos a quien administra el bróker.",
        ),
        (Refusal::Banned, _) => (
            "El bróker te ha vetado.",
            "Habla con quien administra el bróker.",
        ),
        (Refusal::PacketTooLarge, _) => (
            "El paquete CONNECT es demasiado grande para el bróker.",
            "Acorta la última voluntad o las propiedades.",
        ),
        _ => (
            "El bróker rechazó la conexión.",
            "Revisa los datos de conexión; el código indica el motivo.",
        ),
    }
}

/// MQTT 3.1.1's CONNACK return codes and SUBACK failure.
fn v311(code: u8, packet: PacketType, version: Version) -> Option<Told> {
    if version != Version::V311 {
        return None;
    }
    Some(match (packet, code) {
            (PacketType::ConnAck, 0) => (
                "Conexión aceptada",
                "El cliente ya puede publicar y suscribirse.",
            ),
            (PacketType::ConnAck, 1) => (
                "Versión de protocolo inaceptable",
                "El bróker no habla esta versión de MQTT: prueba con otra.",
            ),
            (PacketType::ConnAck, 2) => (
                "Identificador rechazado",
                "El identificador de cliente no vale aquí: cámbialo.",
            ),
            (PacketType::ConnAck, 3) => (
                "Servidor no disponible",
                "El bróker no atiende ahora: vuelve a intentarlo más tarde.",
            ),
            (PacketType::ConnAck, 4) => (
                "Usuario o contraseña incorrectos",
                "Revisa las credenciales.",
            ),
            (PacketType::ConnAck, 5) => (
                "No autorizado",
                "Este cliente no puede conectarse a este bróker.",
            ),
            (PacketType::SubAck, 0x80) => (
                "Fallo",
                "El bróker rechazó este filtro (no válido o no permitido por la ACL).",
            ),
            _ => return None,
        })
}

/// MQTT 5.0's codes (§2.4), by value.
fn table(code: u8) -> Told {
    match code {
        0x01 => (
            "QoS 1 concedida",
            "La suscripción vale; los mensajes llegarán con QoS 1 como mucho.",
        ),
        0x02 => (
            "QoS 2 concedida",
            "La suscripción vale; los mensajes llegarán con QoS 2 como mucho.",
        ),
        0x04 => (
            "Desconexión con testamento",
            "El cliente se despide pero pide que se publique su testamento.",
        ),
        0x10 => (
            "Ningún suscriptor coincide",
            "Aceptado, pero nadie estaba suscrito a ese tema.",
        ),
        0x11 => (
            "No existía la suscripción",
            "No había nada que anular con ese filtro.",
        ),
        0x18 => (
            "Continuar autenticación",
            "La autenticación ampliada sigue con otro paso.",
        ),
        0x19 => ("Reautenticar", "El cliente pide autenticarse de nuevo."),
        0x80 => (
            "Error sin especificar",
            "Falló, sin más detalle: mira el registro del bróker.",
        ),
        0x81 => (
            "Paquete mal formado",
            "Los bytes no siguen la especificación: el bróker corta la conexión.",
        ),
        0x82 => (
            "Error de protocolo",
            "Un paquete válido llegó cuando no tocaba.",
        ),
        0x83 => (
            "Error de la implementación",
            "El bróker no quiere hacerlo, por una regla suya.",
        ),
        0x84 => (
            "Versión de protocolo no admitida",
            "El bróker no habla esta versión de MQTT: prueba con otra.",
        ),
        0x85 => (
            "Identificador de cliente no válido",
            "Cambia el identificador de cliente.",
        ),
        0x86 => (
            "Usuario o contraseña incorrectos",
            "Revisa las credenciales.",
        ),
        0x87 => (
            "No autorizado",
            "La ACL no permite esta operación a este usuario.",
        ),
        0x88 => (
            "Servidor no disponible",
            "El bróker no atiende ahora: vuelve a intentarlo más tarde.",
        ),
        0x89 => (
            "Servidor ocupado",
            "El bróker está saturado: espera y reintenta.",
        ),
        0x8A => ("Vetado", "Este cliente tiene prohibida la entrada."),
        0x8B => (
            "El servidor se apaga",
            "El bróker se detiene: reconecta más tarde.",
        ),
        0x8C => (
            "Método de autenticación incorrecto",
            "El bróker no conoce ese método de autenticación.",
        ),
        0x8D => (
            "Se agotó el keep-alive",
            "El cliente calló más de 1,5 veces su keep-alive: envía PINGREQ a tiempo.",
        ),
        0x8E => (
            "Sesión tomada por otro",
            "Otra conexión usó el mismo identificador de cliente.",
        ),
        0x8F => (
            "Filtro de temas no válido",
            "Revisa el filtro: «+» y «#» ocupan un nivel entero, «#» al final.",
        ),
        0x90 => (
            "Tema no válido",
            "Un tema para publicar no lleva «+» ni «#».",
        ),
        0x91 => (
            "Identificador de paquete en uso",
            "Ese número ya espera confirmación: usa otro.",
        ),
        0x92 => (
            "Identificador de paquete no encontrado",
            "No había nada pendiente con ese número.",
        ),
        0x93 => (
            "Superado el máximo de recepción",
            "Demasiados QoS 1/2 sin confirmar a la vez: espera los acuses.",
        ),
        0x94 => (
            "Alias de tema no válido",
            "El alias es 0 o supera el máximo acordado.",
        ),
        0x95 => (
            "Paquete demasiado grande",
            "Supera el tamaño máximo acordado: envía menos datos.",
        ),
        0x96 => ("Demasiados mensajes por segundo", "Publica más despacio."),
        0x97 => (
            "Cuota superada",
            "Se acabó lo permitido a este cliente por ahora.",
        ),
        0x98 => (
            "Acción administrativa",
            "Un administrador cerró la conexión.",
        ),
        0x99 => (
            "Formato de contenido no válido",
            "El contenido no es lo que dice su indicador de formato (UTF-8).",
        ),
        0x9A => (
            "Retención no admitida",
            "Este bróker no guarda mensajes retenidos.",
        ),
        0x9B => (
            "QoS no admitida",
            "Usa una QoS menor: el bróker no admite esta.",
        ),
        0x9C => (
            "Usa otro servidor",
            "El bróker indica otro al que conectarse por ahora.",
        ),
        0x9D => (
            "Servidor trasladado",
            "El bróker se mudó a otra dirección para siempre.",
        ),
        0x9E => (
            "Suscripciones compartidas no admitidas",
            "Este bróker no admite filtros «$share/…».",
        ),
        0x9F => (
            "Demasiadas conexiones seguidas",
            "Espera antes de volver a conectar.",
        ),
        0xA0 => (
            "Tiempo máximo de conexión",
            "La conexión duró lo máximo permitido.",
        ),
        0xA1 => (
            "Identificadores de suscripción no admitidos",
            "Quita el identificador de suscripción.",
        ),
        0xA2 => (
            "Comodines no admitidos",
            "Este bróker no admite «+» ni «#» en los filtros.",
        ),
        _ => (
            "Código desconocido",
            "La especificación no define este código.",
        ),
    }
}
