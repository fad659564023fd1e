//! English: every text of the interface (the pseudo-locale is made from it).

use crate::core::codec::{Meaning, BitName, DecodeError, EncodeError, FieldName, PropertyId};
use crate::i18n::Told;
use crate::core::misconception::Misconception;
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::i18n::Diagnosis;
use crate::core::json_read::Problem;
use crate::core::pcap::{CaptureError, CaptureNote};
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::scenario::action::Action;
use crate::core::topic::{Step, TopicError};
use crate::core::trace::{DropReason, TraceKind, Violation};
use super::class::{ClassMsg, ClassText};
use super::coach::{CoachMsg, CoachText};
use super::steps::{StepMsg, StepText};
use super::{Language, Msg, Text};

mod doctor;
mod events;
mod files;
mod misconceptions;
mod packets;
mod picture;
mod steps;
mod topics;

/// English.
pub struct En;

impl Language for En {
    const CODE: &'static str = "en";
    const HTML_LANG: &'static str = "en";
    const NAME: &'static str = "English";
    const CONTENT: &'static str = "en";
    const LISTED: bool = true;
    fn text(key: Text) -> &'static str {
        use Text::*;
        match key {
            AppTitle => "MQTT Playground",
            Tagline => "Learn MQTT by watching every message travel: from client to broker to each subscriber.",
            LanguageLabel => "Language",
            SimulatedBrokerIntro => "The simulated broker runs inside your browser: no server needed.",
            CrashTitle => "Something went wrong",
            CrashBody => "The app hit an internal error and stopped. Reload the page to continue; if it happens again, copy the details below and send them to your teacher.",
            Reload => "Reload",
            CrashDetails => "Technical details",
            Play => "Play",
            Pause => "Pause",
            Step => "Step",
            Speed => "Speed",
            VirtualTime => "Simulated time",
            Seed => "Seed",
            Replay => "Replay from the start",
            ScrubberLabel => "Run timeline",
            ScrubberKeys => "← and → move one event; Shift + ← and → one packet exchange; Home and End go to the start and the end.",
            StepBack => "One event back",
            StepOn => "One event forward",
            InThePast => "Viewing the past",
            ContinueHere => "Continue from here",
            ContinueHereHint => "Starts another future from this moment: what happened after it is dropped (you can undo it).",
            BackToLive => "Back to the present",
            UndoFork => "Undo the new future",
            ForkStarted => "A new future from here: what happened after it was dropped.",
            ForkUndone => "The earlier future is back; you are where the new one started.",
            LessonPubsub => "1. Publish and subscribe",
            LessonWildcards => "2. Wildcards + and #",
            LessonQueue => "3. The broker's queue",
            LessonQos => "4. QoS 0, 1 and 2 under packet loss",
            LessonRetained => "5. Retained messages",
            LessonWill => "6. Last will",
            LessonSecurity => "7. Open broker, or user, password and ACL",
            LessonTls => "8. Port 1883 or 8883 (TLS)",
            LessonHouse => "9. A home-automation house",
            LessonFilters => "10. Topic-filter challenge",
            LessonShared => "11. Shared subscriptions (MQTT 5)",
            LessonExpiry => "12. Message and session expiry (MQTT 5)",
            LessonRequest => "13. Request and response (MQTT 5)",
            QosField => "QoS",
            Mqtt5Options => "MQTT 5 options",
            NoLocalOption => "No Local (not my own messages)",
            RetainAsPublishedOption => "Retain As Published",
            RetainHandlingOption => "Retain Handling",
            ContentTypeField => "Content Type",
            MessageExpiryField => "Message Expiry (seconds)",
            ShowAsText => "text",
            ShowAsJson => "JSON",
            ShowAsHex => "hex",
            MqttColumn => "MQTT",
            BytesColumn => "B",
            TlsBadge => "TLS 8883",
            PortTls => "8883 (TLS)",
            LessonLabel => "Lesson",
            ToReview => "to go over",
            FreePlay => "Free play (smart house)",
            Goals => "Goals",
            Hints => "Hints",
            GoalDone => "done",
            GoalPending => "pending",
            LessonPassed => "Lesson passed!",
            Devices => "Devices",
            Connect => "Connect",
            Disconnect => "Disconnect",
            PullPlug => "Pull the plug",
            Replug => "Plug in",
            Online => "online",
            Offline => "offline",
            Connecting => "connecting",
            Unplugged => "unplugged",
            Network => "Network",
            StageLegend => "Beside each device: on the left, its MQTT version (3.1.1 or 5); on the right, its port (1883 unencrypted, 8883 encrypted). On a packet: R, retained; DUP, sent again.",
            SkipToStage => "Skip to the stage",
            Broker => "Broker",
            PublishHeading => "Publish",
            SubscribeHeading => "Subscribe",
            DeviceField => "Device",
            TopicField => "Topic",
            FilterField => "Filter",
            PayloadField => "Payload",
            RetainField => "Retain",
            Unsubscribe => "Unsubscribe",
            Journey => "Message journey",
            JourneyEmpty => "Pick a message (an arrow in the sequence, or its #N in the log) to follow its journey.",
            PacketBytes => "PUBLISH bytes",
            FiltersTried => "Filters tried",
            Subscriber => "Subscriber",
            Result => "Result",
            Matched => "matches",
            NotMatched => "no match",
            Outcome => "Delivery",
            ExportSvg => "Export SVG",
            Timeline => "Log",
            FilterDevice => "Device or client",
            FilterTopic => "Topic contains",
            FilterKind => "Kind",
            AnyKind => "all",
            ExportCsv => "Export CSV",
            ExportJson => "Export JSON",
            EventsShown => "events",
            BrokerInternals => "Inside the broker",
            Sessions => "Sessions",
            Persistent => "persistent session",
            Clean => "clean session",
            Queue => "Queue",
            InFlight => "In flight",
            Subscriptions => "Subscriptions",
            RetainedStore => "Retained messages",
            TopicTree => "Tree of published topics",
            WildcardTester => "Wildcard tester",
            TopicsOnePerLine => "Topics (one per line)",
            Views => "Views",
            ThemeToggle => "Toggle light/dark theme",
            Props5 => "MQTT 5 properties (optional)",
            ExpiryField => "Expires after (seconds)",
            ResponseTopicField => "Response topic",
            CorrelationField => "Correlation data",
            ExpiryInvalid => "The expiry must be a whole number of seconds (0 to 4294967295).",
            JourneyRefused => "The broker did not accept this publish: it tried no filter and delivered it to nobody. Below, its answer.",
            ReasonCodes => "Reason codes",
            Refusals => "Refusals and disconnects",
            Agreed5 => "Agreed in MQTT 5",
            EndsWithConnection => "The session ends with the connection",
            NeverExpires => "The session never expires",
            UseTopicAliases => "Use topic aliases on my publishes (MQTT 5)",
            Nothing => "(nothing yet)",
            Settings => "Settings",
            Latency => "Latency (ms)",
            Jitter => "Jitter (ms)",
            Loss => "Packet loss (%)",
            CleanSession => "Clean session",
            Port => "Port",
            WillTopic => "Last will topic (empty: none)",
            WillPayload => "Last will payload",
            NextConnection => "Applies from the next connection.",
            Apply => "Apply",
            Username => "User name",
            Password => "Password",
            FilterPacket => "Packet",
            AuthDecision => "Permission",
            Client => "Client",
            ModeSimulated => "Simulation",
            ModeReal => "Real broker",
            LoadingPart => "Loading this part of the app…",
            LanguageFailed => "That language's texts could not be downloaded (check the connection and try again)",
            LoadPartFailed => "This part of the app could not be downloaded. Check the connection and try again.",
            LessonLoading => "Loading the lesson…",
            LessonTextFailed => "The lesson's text could not be downloaded. Check the connection.",
            Retry => "Try again",
            BrokerAddress => "Broker address (WebSocket)",
            Presets => "Known brokers",
            OtherAddress => "Another: the address below",
            ProtocolVersion => "MQTT version",
            ClientIdField => "Client id",
            KeepAlive => "Keep-alive (s)",
            Doctor => "Connection doctor",
            LikelyFix => "What to try",
            ReceivedMessages => "Received messages",
            Waiting => "waiting for the connection or an acknowledgement",
            PayloadFormat => "Format",
            ConfirmHash => "Subscribing to # on a public broker sends you everyone's messages (possibly thousands per second). Are you sure?",
            InvalidHex => "Invalid hex: use pairs of digits 0-9 A-F",
            Reconnecting => "reconnecting",
            PasswordNotKept => "The password is never stored nor put in links.",
            InvalidExpiry => "The expiry is a number of seconds (0 to 4 294 967 295)",
            InvalidUserProperty => "Each user property goes on its own line as key=value",
            UserProperties => "User properties (key=value, one per line)",
            ClassPrefix => "Class topic prefix (optional, e.g. class3A)",
            RememberConnection => "Remember this connection in this browser (never the password)",
            SaveTemplate => "Save as template",
            Templates => "Templates",
            InvalidClientId => "The client id is not valid (at most 65 535 bytes, no null character)",
            KindSensor => "sensor",
            KindActuator => "actuator",
            KindDashboard => "dashboard",
            KindPhone => "phone",
            KindEavesdropper => "eavesdropper",
            KindIntruder => "intruder",
            KindResponder => "answers requests",
            KindCustom => "custom",
            CreateLesson => "Create a lesson",
            TeachersLesson => "Your teacher's lesson",
            ShareTitle => "Share and export",
            CopyShareLink => "Copy a link to this run",
            LinkCopied => "Copied to the clipboard.",
            CopyByHand => "Select the text below and copy it (Ctrl+C).",
            ShareNoPasswords => "The link reproduces this run (scenario, seed and your actions) and never carries a password you typed.",
            KindConnectionOpened => "TCP connection",
            KindPacketIn => "reaches the broker",
            KindPacketOut => "leaves the broker",
            KindAuth => "user and password",
            KindSessionCreated => "new session",
            KindSessionResumed => "session resumed",
            KindSessionEnded => "session ended",
            KindTakenOver => "session taken over",
            KindPublished => "publish",
            KindPublishDenied => "publish denied",
            KindFilterTried => "filter tried",
            KindRetainedSent => "retained sent",
            KindQueued => "queued",
            KindDropped => "dropped",
            KindDelivered => "delivery",
            KindAcknowledged => "acknowledgement",
            KindRetainedStored => "retained stored",
            KindRetainedCleared => "retained cleared",
            KindWillFired => "last will",
            KindKeepAliveTimeout => "keep-alive timeout",
            KindProtocolError => "protocol error",
            KindConnectionClosed => "connection closed",
            KindTransmitted => "on the network",
            KindDeviceChanged => "device",
            KindDeviceSent => "device sends",
            KindDeviceReceived => "device receives",
            KindEavesdropped => "eavesdropper",
            KindActionApplied => "your action",
            SpeedTeaching => "watch each packet",
            ActingDevice => "Acting device:",
            ActingTitle => "Actions",
            PartsNav => "Parts of the page",
            LessonPart => "Lesson",
            QuestionWaits => "a question is waiting",
            MessagesPart => "Messages",
            SequenceTitle => "Sequence",
            SequenceArrows => "Packets, oldest first",
            SequenceHint => "Each arrow is a packet between a client and the broker, oldest first. Press one that carries a message to follow its journey.",
            ClassTitle => "Teach a class on a real broker",
            LmsConnected => "Inside your course: passing the lesson records your grade.",
            CopyIframe => "Copy embed code (iframe)",
            ExportScenario => "Download scenario (JSON)",
            ImportScenario => "Open a scenario (JSON)",
            ScenarioLoaded => "Scenario loaded.",
            ShareMakeFailed => "The link could not be made",
            ShareOpenFailed => "The shared link could not be opened",
            ScenarioFailed => "The scenario could not be loaded",
            FetchFailed => "it could not be downloaded (check the address; the server must allow CORS)",
            NothingLost => "The current run is unchanged.",
            UpdateReady => "A new version of MQTT Playground is ready.",
            UpdateReload => "Reload",
            NeedsNetwork => "You are offline: a real broker and a class need the network. The simulated broker works without it.",
            Dismiss => "Dismiss",
            OpenFullApp => "Open in a new tab ↗",
            WssOnlyHere => "This page is served over https: only wss:// brokers work here (for example wss://broker.hivemq.com:8884/mqtt).",
            PassedBefore => "You passed it before.",
            SysValues => "The broker's own data ($SYS)",
            DontConnect => "Don't connect",
            StartTitle => "New here?",
            StartBody => "Here you watch MQTT at work: virtual devices publish messages and subscribe to topics through a broker that runs inside your browser. The lessons guide you step by step; in free play you try whatever you like.",
            StartLesson => "Start with lesson 1",
            StartFree => "Explore free play",
            SpeedHelp => "How fast simulated time runs. \"Watch each packet\" draws every packet for 0.6 s at least, so you can watch it travel; the other speeds run at its real pace, slower or faster.",
            SeedHelp => "A number that decides everything left to chance (losses, sensor values). With the same seed and the same actions, the run repeats exactly.",
            ResetProgress => "Reset my progress",
            WordsHere => "Words:",
            ConfirmResetProgress => "Forget which lessons you passed in this browser?",
            PacketInspector => "Packet inspector",
            InspectorHint => "While open it keeps the last 300 packets going out (→) and coming in (←). Pick one to see its bytes.",
            YourFilters => "Your subscriptions against this topic",
            BridgeTitle => "Bridge to the simulation",
            BridgeHint => "Ticked virtual devices also publish to this real broker (under the prefix); ticked dashboards also show the real messages that match their subscriptions. The simulation takes nothing from the real broker: it stays reproducible.",
            BridgePrefix => "Topic prefix for the bridge",
            BridgeSend => "also publishes here",
            BridgeShow => "also shows real messages",
            FromRealBroker => "from the real broker",
            Glossary => "Glossary",
            TermBroker => "Broker",
            DefBroker => "The server that receives every published message and hands it to the subscribed clients. Clients never talk to each other directly.",
            TermTopic => "Topic",
            DefTopic => "A message's address, with levels separated by /, such as Casa/Cocina/Temperatura. You always publish to one exact topic, without wildcards.",
            TermFilter => "Filter",
            DefFilter => "What a subscriber asks for: a topic that may hold wildcards. + fills one whole level (Casa/+/Temperatura); # goes last and covers the rest.",
            TermQos => "QoS (quality of service)",
            DefQos => "0: at most once (may be lost). 1: at least once (may repeat). 2: exactly once (four packets).",
            TermRetained => "Retained message",
            DefRetained => "The last message of a topic, kept by the broker and handed at once to whoever subscribes later. An empty retained message clears it.",
            TermWill => "Last will",
            DefWill => "A message a client leaves with the broker when it connects; the broker publishes it if the client vanishes without saying goodbye (no DISCONNECT).",
            CaptureTab => "Captures",
            CaptureTitle => "Captures for Wireshark",
            CaptureIntro => "Save this run as a .pcapng capture and open it with Wireshark, or open here a capture of your own devices (Wireshark, tcpdump).",
            ExportCapture => "Download capture (.pcapng)",
            OpenCapture => "Open a capture…",
            OpenCaptureHint => "Files .pcap or .pcapng of MQTT over TCP (port 1883), up to 16 MB.",
            CaptureReading => "Reading the capture…",
            CaptureExportFailed => "The capture could not be saved",
            ToBroker => "to the broker",
            FromBroker => "from the broker",
            FrameWord => "Frame",
            Connections => "Connections",
            ClientAddress => "Client (id, IP:port)",
            BrokerAddressCol => "Broker (IP:port)",
            PacketsWord => "Packets",
            TimeSeconds => "Time (s)",
            ClientWord => "Client",
            Direction => "Direction",
            PacketWord => "Packet",
            Previous => "Previous",
            Next => "Next",
            ShowConnection => "Connection:",
            AllConnections => "all",
            ByteWord => "Byte",
            BytesWalkHint => "Packet bytes: the arrow keys walk them byte by byte and show each one's field",
            TermSession => "Session",
            DefSession => "What the broker remembers about a client: its subscriptions and the queue of messages while it is offline (unless it asked for a clean session).",
            TermKeepAlive => "Keep-alive",
            DefKeepAlive => "How often, in seconds, the client shows it is alive (PINGREQ). If it stays silent for 1.5 times that, the broker declares it gone and publishes its will.",
        }
    }

    fn msg(msg: Msg) -> String {
        use Msg::*;
        match msg {
            SubQos(q) => format!(" · QoS {q}"),
            JourneyLink(n) => format!("#{n} · Message journey"),
            FrameNo(n) => format!("Frame {n}"),
            FileReadFailed(why) => format!("The browser could not read the file ({why})"),
            InvalidJson(why) => format!("The payload is not valid JSON: {why}"),
            ClosedNoCode(at) => format!("{at} s · connection closed without a reason code"),
            KindPacket { kind, packet } => format!("{kind}: {packet}"),
            Eavesdropped { packet, user, password, topic, payload } => {
                super::sniffed(packet, [user, password, topic, payload], ["user", "password"])
            }
            Encrypted(n) => format!("TLS · {n} B · ????"),
            MessageMeta { qos, retain: false } => format!(" · QoS {qos}"),
            MessageMeta { qos, retain: true } => format!(" · QoS {qos} · retained"),
            AtPath { path, problem } => format!("{path}: {problem}"),
            NoteFilter { filter, client, matched: true } => format!("✓ {client}: {filter} matches"),
            NoteFilter { filter, client, matched: false } => format!("✗ {client}: {filter} does not match"),
            Face(face) => picture::face(face),
            FaceSaid { name, face, tags, status, choose } => {
                let shows = super::joined::values(face).unwrap_or_else(|| picture::face(face));
                let said = super::joined::said(name, shows, tags, status);
                if choose {
                    format!("{said}, make it the acting device")
                } else {
                    said
                }
            }
            Changed(list) => super::joined::changed(list),
            QueueWaiting(d, n) => format!("{d}: {n} queued"),
            RetainedShelf(1) => "Retained in the broker: 1 topic".into(),
            RetainedShelf(n) => format!("Retained in the broker: {n} topics"),
            ShelfTitle(n) => format!("{n} retained in the broker"),
            FilterTags(first, n) => format!("{first} (and {n} more)"),
            NoteQueued(client) => format!("{client}: queued"),
            NoteNotSent { device, lost: true } => format!("{device} offline: QoS 0 message lost"),
            NoteNotSent { device, lost: false } => format!("{device} offline: the message waits"),
            NoteRetained(topic) => format!("{topic}: kept as retained"),
            Login { client, user, acl } => {
                let login = match user {
                    Some(u) => format!("{client} logged in as \"{u}\""),
                    None => format!("{client} connected without a user name (anonymous)"),
                };
                let write = if acl {
                    "the ACL lets it write to this topic"
                } else {
                    "no ACL: anyone may publish to any topic"
                };
                format!("{login}; {write}.")
            }
            ResponseTopicInvalid(e) => format!("Response topic: {e}"),
            WindowToClient(n, m) => format!("To the client: {n} of {m} unacknowledged (its Receive Maximum)"),
            WindowFromClient(n, m) => format!("From the client: {n} of {m} QoS 2 unfinished (the broker's Receive Maximum)"),
            AliasesFromClient(n, m) => format!("Client's topic aliases: {n} of {m}"),
            AliasesToClient(n, m) => format!("Broker's topic aliases: {n} of {m}"),
            ExpiresIn(n) => format!("The session expires in {n} s"),
            OutlivesBy(n) => format!("Outlives a disconnect by {n} s"),
            SubId(n) => format!("identifier {n}"),
            KeepAliveIs(n) => format!("Keep-alive: {n} s"),
            LessonsDone(n, m) => format!("Lessons passed in this browser: {n} of {m}"),
            Suggest { mistake } => format!("Go over this idea: {mistake}. Lesson:"),
            BridgeCount(n, d) => format!("Sent through the bridge: {n} · not sent (disconnected): {d}"),
            UnknownLesson(v) => format!("The link asks for lesson “{v}”, which does not exist: free play opens instead."),
            UnknownView(v) => format!("The link asks for view “{v}”, which does not exist: the sequence diagram shows instead."),
            UnknownMode(v) => format!("The link asks for mode “{v}”, which does not exist: the simulated broker opens instead."),
            OpeningShared(p) => format!("Opening the shared run… {p} %"),
            SharedOpened(t) => format!("Shared run opened at {t}: press ▶ to continue."),
            CaptureSaved(n) => format!("Capture saved: {n} MQTT packets. Open it with Wireshark."),
            ManyLanes(n) => format!("{n} clients: each arrow carries its name"),
            DeliveredOf { matched: 0, .. } => "nobody was subscribed to this topic: the broker delivers it to no one".to_string(),
            DeliveredOf { delivered: n, matched: 1 } => format!("delivered to {n} of 1 subscriber"),
            DeliveredOf { delivered: n, matched: m } => format!("delivered to {n} of {m} subscribers"),
            ScrubPoint { at, index, total, what: Some(w) } => format!("{at}, event {index} of {total}: {w}"),
            ScrubPoint { at, total, what: None, .. } => format!("{at}, the start (0 of {total} events)"),
            ScrubCount { at, index, total } => format!("{at} · event {index} of {total}"),
            ConnectsAt(s) => format!("connects at {s} s"),
            Arrow { label, from, to, at, lost: false } => format!("{label} from {from} to {to}, at {at}"),
            Arrow { label, from, to, at, lost: true } => format!("{label} from {from} to {to}, at {at}: lost on the way"),
        }
    }

    fn class_text(key: ClassText) -> &'static str {
        use ClassText::*;
        match key {
            SetupHint => "Choose a broker and a class code. Your students open the link (or the QR code), type their name, and you see their progress live.",
            BrokerField => "Broker address (wss://…, or ws:// on the school network)",
            CodeField => "Class code",
            PrefixField => "Topic prefix",
            AllowDevices => "Students' virtual devices also publish to the broker",
            StudentLink => "Link for the students",
            QrLabel => "QR code of the link for the students",
            QrTooLong => "The link is too long for a QR code.",
            OpenTeacher => "Open the teacher view",
            CopyLink => "Copy link",
            Copied => "Copied.",
            NoPasswordInLink => "The link carries no password: each student types theirs if the broker asks for one.",
            PublicWarning => "Public broker: anyone on the Internet can read what the class publishes. The prefix is random; do not write personal data.",
            ClassLink => "Class link",
            BadCode => "A class code has 1 to 16 letters, digits, - or _.",
            BadPrefix => "The prefix must be a topic without wildcards (+ #), empty levels or a leading $.",
            BadName => "Your name has 1 to 32 characters.",
            BadUsername => "The user name cannot be empty nor contain /, + or #.",
            JoinHint => "Type your name to join. Your teacher will see which lessons you pass and how many goals you have met.",
            NameField => "Your name",
            UsernameField => "User name (if your teacher gave you one)",
            TeacherUsername => "User name (if the broker asks for one)",
            PasswordField => "Password",
            Join => "Join the class",
            Leave => "Leave the class",
            Connecting => "Connecting to the class broker…",
            NoAnswer => "The broker did not answer in time.",
            Reconnecting => "The connection to the broker was lost: retrying. Your progress will be sent when it is back.",
            SharingDevices => "Your virtual devices also publish to the class broker.",
            Connect => "Connect",
            TeacherHint => "The table fills from the progress each student leaves retained on the broker: if the broker restarts or you arrive late, it comes back whole.",
            Students => "Students",
            NoStudents => "No students yet. Share the link.",
            NoMatch => "No student's name has that.",
            StudentColumn => "Student",
            LastSeen => "Last seen",
            Online => "online",
            Offline => "offline",
            Passed => "passed",
            NotStarted => "not started",
            Legend => "✔ passed · ▶ open now · ◐ tried · · not started. The small figures (2/3): predictions right at the first answer. Each numbered column is a lesson, in the order of the lesson list.",
            Unreadable => "unreadable progress",
            Topics => "The class's topics",
            NoTopics => "No device has published yet.",
            JustNow => "just now",
            SortBy => "Sort by",
            SortName => "name",
            SortProgress => "progress",
            FindStudent => "Find a student",
            Misconceptions => "Ideas the class got wrong most often (in predictions)",
            NoMisconceptions => "Nobody has missed a prediction through a usual mistake yet.",
        }
    }

    fn step_text(key: StepText) -> &'static str {
        steps::step_text(key)
    }

    fn step_msg(msg: StepMsg) -> String {
        steps::step_msg(msg)
    }

    fn coach_text(key: CoachText) -> &'static str {
        use CoachText::*;
        match key {
            WhatHappened => "What just happened, with the packets of your run:",
            SeeJourney => "See this message's journey",
            NextLesson => "Next lesson",
            LastLesson => "That was the last lesson: well done! Now try whatever you like in free play.",
            StoryTitle => "What happened",
        }
    }

    fn coach_msg(msg: CoachMsg) -> String {
        use CoachMsg::*;
        match msg {
            Offline(device) => format!("\"{device}\" is not connected, so it receives nothing. Connect it."),
            NotSubscribed { device, topic } => format!("\"{device}\" did not get the message on {topic}: it is not subscribed to anything. Choose \"{device}\" in Subscribe, with a filter that matches {topic}."),
            WrongDevice { wanted, got, topic } => format!("The message on {topic} reached \"{got}\", not \"{wanted}\": you subscribed \"{got}\". The goal is for \"{wanted}\" to receive it: choose it in the Subscribe form."),
            FilterMissed { device, filter, topic, why } => format!("\"{device}\" did not get the message on {topic}: its filter {filter} does not match. {why}"),
            Published { from: Some(from), payload: Some(p), topic, qos } => format!("\"{from}\" published \"{p}\" on {topic} with QoS {qos}."),
            Published { from: Some(from), payload: None, topic, qos } => format!("\"{from}\" published on {topic} with QoS {qos}."),
            Published { from: None, topic, qos, .. } => format!("The broker published on {topic} with QoS {qos} (a last will, or the broker's own data)."),
            Retained => "The broker kept it as that topic's retained message, for whoever subscribes later.".to_string(),
            Matched { client, filter } => format!("The filter {filter} of \"{client}\" matches the topic."),
            NotMatched { client, filter } => format!("The filter {filter} of \"{client}\" does not match."),
            Missed(1) => "One more filter does not match.".to_string(),
            Missed(n) => format!("{n} more filters do not match."),
            Delivered { client, qos, retained: false } => format!("The broker delivered it to \"{client}\" with QoS {qos}."),
            Delivered { client, qos, retained: true } => format!("On subscribing, \"{client}\" got it as the retained message, with QoS {qos}."),
            Queued(client) => format!("\"{client}\" was offline: the message waits in its queue at the broker."),
            Dropped { client, why } => format!("\"{client}\" does not get it: {why}."),
            Acked { client, packet, to_broker: true } => format!("\"{client}\" acknowledged with {packet}."),
            Acked { client, packet, to_broker: false } => format!("The broker acknowledged to \"{client}\" with {packet}."),
        }
    }

    fn class_msg(msg: &ClassMsg) -> String {
        use ClassMsg::*;
        match msg {
            JoinTitle(c) => format!("Class {c}"),
            Joined(n, c) => {
                format!("You are in class {c} as “{n}”. Your progress is shared with your teacher.")
            }
            TeacherTitle(c) => format!("Class {c}: teacher view"),
            StudentCount(1) => "1 student".into(),
            StudentCount(n) => format!("{n} students"),
            Current(m, a) => format!("in progress: {m} of {a} goals"),
            Tried(m, a) => format!("{m} of {a} goals"),
            Answers(r, n) => format!("predictions and questions: {r} of {n} right at the first answer"),
            Showed(1) => "1 student".into(),
            Showed(n) => format!("{n} students"),
            MinutesAgo(n) => format!("{n} min ago"),
            HoursAgo(n) => format!("{n} h ago"),
            DaysAgo(1) => "1 day ago".into(),
            DaysAgo(n) => format!("{n} days ago"),
        }
    }
    fn bit(name: BitName) -> &'static str {
        packets::bit(name)
    }
    fn field(name: FieldName) -> String {
        packets::field(name)
    }
    fn field_why(name: FieldName) -> &'static str {
        packets::field_why(name)
    }
    fn property_why(id: PropertyId) -> &'static str {
        packets::property_why(id)
    }
    fn drop_reason(reason: DropReason) -> &'static str {
        events::drop_reason(reason)
    }
    fn topic_error(error: &TopicError) -> String {
        topics::topic_error(error)
    }
    fn capture_error(error: &CaptureError) -> String {
        files::capture_error(error)
    }
    fn capture_note(note: &CaptureNote) -> String {
        files::capture_note(note)
    }
    fn capture_comment(comment: &Comment) -> String {
        files::capture_comment(comment)
    }
    fn url_error(error: &UrlError) -> String {
        doctor::url_error(error)
    }
    fn filter_step(step: &Step) -> String {
        topics::filter_step(step)
    }
    fn problem(problem: &Problem) -> String {
        files::problem(problem)
    }
    fn capture_story(story: &Story) -> String {
        files::capture_story(story)
    }
    fn action(action: &Action) -> String {
        events::action(action)
    }
    fn event(kind: &TraceKind) -> String {
        events::event(kind)
    }
    fn encode_error(error: &EncodeError) -> String {
        packets::encode_error(error)
    }
    fn decode_error(error: &DecodeError) -> String {
        packets::decode_error(error)
    }
    fn violation(violation: &Violation) -> String {
        packets::violation(violation)
    }
    fn diagnose(problem: &DoctorProblem) -> Diagnosis {
        doctor::diagnose(problem)
    }
    fn reason(meaning: Meaning) -> Told {
        packets::reason(meaning)
    }

    fn misconception(m: Misconception) -> Told {
        misconceptions::misconception(m)
    }
}



