-- A questionnaire belongs to the province whose administrator imported it. NULL means national:
-- imported by an operator (the import-questionnaire verb, demo data), readable by every province,
-- changed and published only by an operator.
ALTER TABLE questionnaire_versions ADD COLUMN owner_province_code TEXT REFERENCES provinces (code);

-- Versions an administrator imported before owners existed: the audit log names their province.
UPDATE questionnaire_versions SET owner_province_code = (
    SELECT a.province_code FROM audit_log a
    WHERE a.action IN ('questionnaire.import', 'questionnaire.publish') AND a.actor_user_id IS NOT NULL
      AND a.target = 'questionnaire:' || questionnaire_versions.questionnaire_id || '@' || questionnaire_versions.version
    ORDER BY a.id LIMIT 1);

CREATE INDEX questionnaire_versions_by_owner ON questionnaire_versions (owner_province_code, questionnaire_id);
