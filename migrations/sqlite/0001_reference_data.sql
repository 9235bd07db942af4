-- Reference data: administrative units, one-stop counters, procedure fields, questionnaires.
-- Conventions for every migration: instants are UTC Unix milliseconds (INTEGER, *_at),
-- calendar dates are ISO 'YYYY-MM-DD' text in Vietnam time, booleans are 0/1.

CREATE TABLE provinces (
    code TEXT PRIMARY KEY CHECK (length(code) = 2 AND code GLOB '[0-9][0-9]'),
    name TEXT NOT NULL CHECK (name <> '')
);

-- One row per commune code (5 digits, unique nationwide). A merged unit keeps its row with
-- valid_to set, so responses given under it keep pointing at it; renames move the old name
-- into commune_name_history.
CREATE TABLE communes (
    code          TEXT PRIMARY KEY CHECK (length(code) = 5 AND code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    name          TEXT NOT NULL CHECK (name <> ''),
    unit_type     TEXT NOT NULL CHECK (unit_type IN ('phuong', 'xa', 'dac_khu')),
    province_code TEXT NOT NULL REFERENCES provinces (code),
    valid_from    TEXT NOT NULL,
    valid_to      TEXT CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX communes_by_province ON communes (province_code, code);

CREATE TABLE commune_name_history (
    commune_code TEXT NOT NULL REFERENCES communes (code),
    name         TEXT NOT NULL,
    unit_type    TEXT NOT NULL,
    valid_from   TEXT NOT NULL,
    valid_to     TEXT NOT NULL,
    PRIMARY KEY (commune_code, valid_from)
);

-- "Lĩnh vực": named procedure fields; there is no stable national numeric list.
CREATE TABLE procedure_fields (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE CHECK (name <> ''),
    active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO procedure_fields (name) VALUES
    ('Hộ tịch'), ('Chứng thực'), ('Đất đai'), ('Xây dựng'), ('Bảo trợ xã hội'),
    ('Người có công'), ('Thành lập hộ kinh doanh'), ('Tư pháp'), ('Lao động - Thương binh và Xã hội'),
    ('Văn hóa - Thông tin'), ('Khác');

-- Versioned questionnaire definitions (JSON). A version is immutable once published and
-- answered; later migrations add the trigger that enforces it.
CREATE TABLE questionnaire_versions (
    id               INTEGER PRIMARY KEY,
    questionnaire_id TEXT NOT NULL,
    version          INTEGER NOT NULL CHECK (version >= 1),
    definition       TEXT NOT NULL,
    checksum         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    created_at       INTEGER NOT NULL,
    published_at     INTEGER,
    UNIQUE (questionnaire_id, version)
);

-- One-stop counters ("Bộ phận Một cửa" desks) of a commune.
CREATE TABLE counters (
    id                       INTEGER PRIMARY KEY,
    commune_code             TEXT NOT NULL REFERENCES communes (code),
    name                     TEXT NOT NULL CHECK (name <> ''),
    questionnaire_version_id INTEGER REFERENCES questionnaire_versions (id),
    active                   INTEGER NOT NULL DEFAULT 1,
    created_at               INTEGER NOT NULL
);
CREATE INDEX counters_by_commune ON counters (commune_code);
